import type { Coordinator } from '../db/open-database';
import { cleanupSessions } from './cleanup';
import type { CleanupOptions } from './cleanup';
import { keptKey, listKeptLeftovers, rememberKept } from './kept-leftovers';
import { cleanupLeftovers, repositoriesToTidy } from './leftovers';
import type { RepositoryLeftover } from './leftovers';
import { allSessions, sessionsOfRepo } from './queries';
import type { RetireResult } from './retire';

/** What one cleanup did now, and what it found still kept from before. */
export interface TidyReport {
  /** Sessions cleaned up, kept for the first time, skipped or failed. */
  results: RetireResult[];
  /** Leftovers removed, kept for the first time, or failed; never a branch that `results` already names. */
  leftovers: RepositoryLeftover[];
  /** What an earlier run kept on purpose and this one kept again (listed by `status`, not news). */
  keptEarlier: { sessions: RetireResult[]; leftovers: RepositoryLeftover[] };
}

/**
 * A whole cleanup, as `parallel-cc cleanup` and the watcher run it: dead sessions are retired
 * (see {@link cleanupSessions}), then the leftovers of their repositories are tidied (see
 * {@link cleanupLeftovers}), and what was kept on purpose is remembered. A dead session whose
 * worktree was already kept, or a leftover already remembered as kept, that is kept again is
 * reported apart in `keptEarlier`: it was news only the first time. A session branch kept just
 * now is named once, on its session's result. Returns per item, never throwing half way.
 */
export async function tidyRepositories(coordinator: Coordinator, options: CleanupOptions = {}): Promise<TidyReport> {
  const db = coordinator.db;
  // Read before cleaning up: a repository whose last session goes now is still looked into.
  const repos = await repositoriesToTidy(coordinator, options.repo);
  const rows = options.repo ? await sessionsOfRepo(db, options.repo) : await allSessions(db);
  const wasKept = new Set(rows.filter((r) => r.status === 'kept').map((r) => r.id));
  const repoOf = new Map(rows.map((r) => [r.id, r.repo_path]));
  const remembered = new Set((await listKeptLeftovers(db, options.repo)).map(keptKey));

  const retired = await cleanupSessions(coordinator, options);
  const found = await cleanupLeftovers(coordinator, { repos, force: options.force, env: options.env });
  await rememberKept(db, repos, found);

  const named = new Set(retired.flatMap((r) => (r.branch ? [`${repoOf.get(r.sessionId)}\0${r.branch}`] : [])));
  const keptAgain = (r: RetireResult) => r.status === 'kept' && wasKept.has(r.sessionId);
  const leftoverKeptAgain = (l: RepositoryLeftover) => l.status === 'kept' && remembered.has(keptKey(l));
  const leftovers = found.filter((l) => !(l.kind === 'branch' && l.status === 'kept' && named.has(`${l.repoPath}\0${l.branch}`)));
  return {
    results: retired.filter((r) => !keptAgain(r)),
    leftovers: leftovers.filter((l) => !leftoverKeptAgain(l)),
    keptEarlier: { sessions: retired.filter(keptAgain), leftovers: leftovers.filter(leftoverKeptAgain) },
  };
}
