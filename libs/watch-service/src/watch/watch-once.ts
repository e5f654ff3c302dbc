import { performance } from 'node:perf_hooks';
import { syncAllSessionChanges, tidyRepositories } from '@parallel-cc/core-sessions';
import { openMergeCoordinator, pollAll } from '@parallel-cc/merge-detector';
import type { MergeEvent } from '@parallel-cc/merge-detector';

/** Options of one watcher round. */
export interface WatchOptions {
  /** The environment: where the database is (`PARALLEL_CC_HOME`) and what git runs with. */
  env?: NodeJS.ProcessEnv;
  /** Fetch each repository's remote before checking. */
  fetch?: boolean;
  /** Clean up dead sessions too (default true), under core-sessions' rules: work is never lost. */
  cleanup?: boolean;
  /** The round's number, for the log (default 1). */
  round?: number;
}

/** A problem of one round: in a repository, in cleaning up a session, or in the round as a whole. */
export interface WatchError {
  repoPath?: string;
  sessionId?: string;
  message: string;
}

/** What one round did. */
export interface WatchRoundSummary {
  round: number;
  startedAt: string;
  /** Repositories polled. */
  repos: number;
  /** Merges recorded for the first time. */
  events: MergeEvent[];
  /** Notifications queued. */
  notified: number;
  /** Dead sessions cleaned up (their rows removed). */
  cleaned: number;
  /** Dead sessions whose worktree held work and was kept, this round for the first time. */
  kept: number;
  /** Leftovers of crashed sessions removed: worktrees and folders no session owns, empty or integrated session branches. */
  leftoversRemoved: number;
  errors: WatchError[];
  warnings: string[];
  durationMs: number;
}

/**
 * One round of the watcher: polls every repository for merges (merge-detector), cleans up dead
 * sessions, then records the files each live or kept session's place holds changed, committed or
 * not (core-sessions), through one coordinator it opens and closes. Per-repository
 * and per-session failures are in `errors`; a database that cannot be opened is thrown.
 */
export async function watchOnce(options: WatchOptions = {}): Promise<WatchRoundSummary> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const polled = await openMergeCoordinator(options.env);
  try {
    const polls = await pollAll(polled, { fetch: options.fetch, env: options.env });
    const tidied = options.cleanup === false ? null : await tidyRepositories(polled, { env: options.env });
    // What each place holds changed, however it was changed: the edit guard and who_is_editing read it.
    await syncAllSessionChanges(polled, { env: options.env });
    const retired = tidied?.results ?? [];
    const leftovers = tidied?.leftovers ?? [];
    return {
      round: options.round ?? 1,
      startedAt,
      repos: polls.length,
      events: polls.flatMap((p) => p.events),
      notified: polls.reduce((sum, p) => sum + p.notified, 0),
      cleaned: retired.filter((r) => r.status === 'done').length,
      kept: retired.filter((r) => r.status === 'kept').length,
      leftoversRemoved: leftovers.filter((l) => l.status === 'done').length,
      errors: [
        ...polls.flatMap((p) => (p.error === undefined ? [] : [{ repoPath: p.repoPath, message: p.error }])),
        ...retired.filter((r) => r.status === 'failed').map((r) => ({ sessionId: r.sessionId, message: r.reasons.join('; ') })),
        ...leftovers
          .filter((l) => l.status === 'failed')
          .map((l) => ({ repoPath: l.repoPath, message: `leftover ${l.path ?? l.branch}: ${l.reasons.join('; ')}` })),
      ],
      warnings: polls.flatMap((p) => p.warnings.map((w) => `${p.repoPath}: ${w}`)),
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await polled.close();
  }
}

