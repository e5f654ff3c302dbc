import * as fs from 'node:fs';
import type { Coordinator } from '../db/open-database';
import type { SessionsTable } from '../db/schema';
import { markAbandoned } from '../liveness/mark-owner';
import { isSessionAlive } from '../liveness/session-state';
import { allSessions, sessionsOfRepo } from './queries';
import { RELEASE_TAKEOVER_MS, retireSession } from './retire';
import type { RetireResult } from './retire';

/** Options for {@link cleanupSessions}. */
export interface CleanupOptions {
  /** Only this repository's main checkout path (as stored); all repositories when absent. */
  repo?: string;
  /** Remove worktrees of dead sessions even if they hold uncommitted or untracked changes. */
  force?: boolean;
  env?: NodeJS.ProcessEnv;
  now?: Date;
}

/** One item of a dry run: what cleanup would do to a session. */
export interface CleanupPlan {
  sessionId: string;
  worktreePath: string;
  /** The session holds the main checkout (handed back, never removed). */
  isMainRepo: boolean;
  branch: string | null;
  status: 'would-release' | 'would-keep';
  reasons: string[];
}

/**
 * A `registering` row this old, whose registering process an older version did not record,
 * belongs to a registration that died half way (killed before it made the worktree or answered),
 * even when the session's own process lives on: nobody was ever told of its place. A row whose
 * registering process is known is taken over as soon as that process is dead.
 */
export const REGISTRATION_TAKEOVER_MS = 30 * 60 * 1000;

/** Whether cleanup should act on `row`: dead, kept, a release or registration whose process died. */
export function needsCleanup(row: SessionsTable, now: Date): boolean {
  if (row.status === 'kept') return true;
  if (row.status === 'releasing') return markAbandoned(row, now, RELEASE_TAKEOVER_MS);
  if (row.status === 'registering' && markAbandoned(row, now, REGISTRATION_TAKEOVER_MS)) return true;
  return !isSessionAlive(row);
}

/**
 * Cleans up dead sessions (and retries kept ones): each is retired under the same rules as a
 * release, so a worktree holding work stays. Returns one result per session, never throwing half way.
 */
export async function cleanupSessions(coordinator: Coordinator, options: CleanupOptions = {}): Promise<RetireResult[]> {
  const now = options.now ?? new Date();
  const rows = options.repo ? await sessionsOfRepo(coordinator.db, options.repo) : await allSessions(coordinator.db);
  const results: RetireResult[] = [];
  for (const row of rows.filter((r) => needsCleanup(r, now))) {
    results.push(await retireSession(coordinator, row, { force: options.force, env: options.env }));
  }
  return results;
}

/** What {@link cleanupSessions} would do, without changing anything. */
export async function planCleanup(coordinator: Coordinator, options: CleanupOptions = {}): Promise<CleanupPlan[]> {
  const now = options.now ?? new Date();
  const rows = options.repo ? await sessionsOfRepo(coordinator.db, options.repo) : await allSessions(coordinator.db);
  const plans: CleanupPlan[] = [];
  for (const row of rows.filter((r) => needsCleanup(r, now))) {
    let reasons: string[] = [];
    if (row.is_main_repo === 0 && fs.existsSync(row.worktree_path) && !options.force) {
      const { unsavedWork } = await import('@parallel-cc/worktree-gtr');
      // In the words the release itself gives (worktree-gtr's removeWorktree), so the dry run reads like the run.
      reasons = await unsavedWork(row.worktree_path).then(
        (unsaved) => (unsaved.length > 0 ? [`worktree has ${unsaved.join(', ')}`] : []),
        (error: Error) => [error.message],
      );
    }
    plans.push({
      sessionId: row.id,
      worktreePath: row.worktree_path,
      isMainRepo: row.is_main_repo === 1,
      branch: row.branch,
      status: reasons.length > 0 ? 'would-keep' : 'would-release',
      reasons,
    });
  }
  return plans;
}
