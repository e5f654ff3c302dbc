import { liveSessions } from '@parallel-cc/core-sessions';
import { mergeDb } from '../db/merge-db';
import type { MergeCoordinator } from '../db/schema';
import { pollRepository } from './poll-repository';
import type { PollOptions, PollResult } from './poll-result';

/**
 * Polls every repository that has live sessions or waiting subscriptions, one after another. A
 * repository that fails (its folder was deleted, git failed) yields a result with `error` rather
 * than stopping the others, the way kysely's `Migrator` reports per item.
 */
export async function pollAll(coordinator: MergeCoordinator, options: PollOptions = {}): Promise<PollResult[]> {
  const results: PollResult[] = [];
  for (const repoPath of await repositoriesToWatch(coordinator)) {
    try {
      results.push(await pollRepository(coordinator, { ...options, repo: repoPath }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({ repoPath, checked: 0, events: [], notified: 0, warnings: [], error: message });
    }
  }
  return results;
}

/** The repositories a poll looks into, sorted: those with live sessions or waiting subscriptions. */
export async function repositoriesToWatch(coordinator: MergeCoordinator): Promise<string[]> {
  const [sessions, subscriptions] = await Promise.all([
    liveSessions(coordinator.db),
    mergeDb(coordinator.db).selectFrom('subscriptions').select('repo_path').where('active', '=', 1).execute(),
  ]);
  const repos = new Set([...sessions.map((s) => s.repo_path), ...subscriptions.map((s) => s.repo_path)]);
  return [...repos].sort();
}
