import * as fs from 'node:fs';
import * as path from 'node:path';
import { releaseSessionClaims } from '../claims/release-session-claims';
import type { Coordinator } from '../db/open-database';
import type { SessionOrigin, SessionsTable } from '../db/schema';
import { borrowedPlaceMayGo, holdsCommitsToResume } from './borrowed-place';
import { rememberKeptBranch } from './kept-leftovers';
import { markAbandoned, markOwnedHere, NO_MARK_OWNER } from '../liveness/mark-owner';
import { processStartTime } from '../liveness/process-start';
import { immediateTransaction } from '../db/transaction';
import { handOverPlace } from './shared-place';

/** What happened to one session when it was released or cleaned up. */
export interface RetireResult {
  sessionId: string;
  worktreePath: string;
  branch: string | null;
  /** done: row gone; kept: its worktree held work and was kept; failed: an error, nothing lost; skipped: another process is on it. */
  status: 'done' | 'kept' | 'failed' | 'skipped';
  worktree: 'removed' | 'kept' | 'missing' | 'main';
  branchOutcome: 'deleted' | 'kept' | 'none';
  reasons: string[];
}

/** Origins of the sessions whose worktree Claude Code asked for (WorktreeCreate); Claude decides when it goes. */
export const CLAUDE_WORKTREE_ORIGINS: readonly SessionOrigin[] = ['claude-worktree', 'subagent'];

/** A `releasing` row whose releasing process an older version did not record may be taken over once untouched this long. */
export const RELEASE_TAKEOVER_MS = 5 * 60 * 1000;

/**
 * Claims a row for release with a compare-and-set on its status, so that two processes never
 * remove the same worktree; the mark names this process. Returns false when another process got
 * there first, or is releasing it still.
 */
async function claim(coordinator: Coordinator, row: SessionsTable): Promise<boolean> {
  // A release in progress is left to its process; one whose process died is taken over at once.
  if (row.status === 'releasing' && !markAbandoned(row, new Date(), RELEASE_TAKEOVER_MS)) return false;
  let update = coordinator.db
    .updateTable('sessions')
    .set({ status: 'releasing', status_changed_at: new Date().toISOString(), ...markOwnedHere() })
    .where('id', '=', row.id)
    .where('status', '=', row.status);
  // Taking over an abandoned release: only one taker may see the old mark.
  if (row.status === 'releasing') {
    update = update.where('status_changed_at', 'is', row.status_changed_at).where('status_owner_pid', 'is', row.status_owner_pid);
  }
  const result = await update.executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Ends a session: the main checkout is simply handed back; a worktree is removed unless it holds
 * work (then the row stays as `kept` with the reason), and its branch goes only when integrated
 * or empty. A worktree parallel-cc did not make is only forgotten, unless it is clean and its
 * branch integrated; one made for Claude Code stays while its branch has commits to resume with,
 * until Claude removes it (`claudeRemoves`).
 */
export async function retireSession(
  coordinator: Coordinator,
  row: SessionsTable,
  options: { force?: boolean; env?: NodeJS.ProcessEnv; claudeRemoves?: boolean } = {},
): Promise<RetireResult> {
  const base = { sessionId: row.id, worktreePath: row.worktree_path, branch: row.branch };
  if (!(await claim(coordinator, row))) {
    return { ...base, status: 'skipped', worktree: 'kept', branchOutcome: 'none', reasons: ['another process is releasing it'] };
  }
  // The session is over whatever happens to its place: its claims go now (the row's deletion would cascade too).
  await releaseSessionClaims(coordinator.db, row.id);
  const remove = () => coordinator.db.deleteFrom('sessions').where('id', '=', row.id).execute();
  const place = row.is_main_repo === 1 ? ('main' as const) : ('kept' as const);
  // A guest owns nothing where it worked; a holder with guests hands the place to one of them, untouched.
  if (row.shares_place_with !== null) {
    await remove();
    return { ...base, status: 'done', worktree: place, branchOutcome: 'none', reasons: [`it shared the place of session ${row.shares_place_with.slice(0, 8)}`] };
  }
  const heir = await immediateTransaction(coordinator.db, (trx) => handOverPlace(trx, row));
  if (heir) return { ...base, status: 'done', worktree: place, branchOutcome: 'none', reasons: [`session ${heir.id.slice(0, 8)} still works there`] };
  // A worktree the session only borrowed (the user's, or Claude Code's from before install) is never ours to keep track of.
  const borrowed = row.origin === 'adopted';
  const keep = (reason: string) =>
    borrowed
      ? remove()
      : coordinator.db
          .updateTable('sessions')
          .set({ status: 'kept', kept_reason: reason, status_changed_at: new Date().toISOString(), ...NO_MARK_OWNER })
          .where('id', '=', row.id)
          .execute();
  if (row.is_main_repo === 1) {
    await remove();
    return { ...base, status: 'done', worktree: place, branchOutcome: 'none', reasons: [] };
  }
  // It goes only when clean with its work landed, and never by force.
  if (borrowed && !(await borrowedPlaceMayGo(row))) {
    await remove();
    return { ...base, status: 'done', worktree: 'kept', branchOutcome: 'none', reasons: ['the worktree was not made by parallel-cc'] };
  }
  // Claude Code resumes in its worktrees (`claude -w NAME`) until it removes them (WorktreeRemove):
  // one whose branch has commits not yet integrated stays for that, even when clean.
  if (!options.claudeRemoves && CLAUDE_WORKTREE_ORIGINS.includes(row.origin) && (await holdsCommitsToResume(row))) {
    const reason = `kept for \`claude -w ${row.worktree_name ?? ''}\` to resume in: branch ${row.branch} has commits not yet integrated`;
    await keep(reason);
    return { ...base, status: 'kept', worktree: 'kept', branchOutcome: 'kept', reasons: [reason] };
  }
  // The same test as `status`'s `repository-gone`: a folder without its `.git` is no repository of ours.
  if (!fs.existsSync(path.join(row.repo_path, '.git'))) {
    if (!fs.existsSync(row.worktree_path)) {
      await remove();
      return { ...base, status: 'done', worktree: 'missing', branchOutcome: 'none', reasons: ['its repository no longer exists'] };
    }
    const reason = `its repository ${row.repo_path} no longer exists`;
    await keep(reason);
    return { ...base, status: 'kept', worktree: 'kept', branchOutcome: 'none', reasons: [reason] };
  }
  try {
    const { removeWorktree } = await import('@parallel-cc/worktree-gtr');
    const removal = await removeWorktree({
      repoRoot: row.repo_path,
      worktreePath: row.worktree_path,
      branch: row.branch,
      baseBranch: row.base_branch,
      force: borrowed ? false : options.force,
      env: options.env,
      processStartTime,
    });
    if (removal.worktree === 'kept') {
      await keep(removal.reasons.join('; '));
      return { ...base, status: 'kept', worktree: 'kept', branchOutcome: removal.branch, reasons: removal.reasons };
    }
    await remove();
    if (removal.branch === 'kept' && row.branch) await rememberBranch(coordinator, row, row.branch, removal.reasons);
    return { ...base, status: 'done', worktree: removal.worktree, branchOutcome: removal.branch, reasons: removal.reasons };
  } catch (error) {
    const reason = (error as Error).message;
    await keep(reason);
    return { ...base, status: 'failed', worktree: 'kept', branchOutcome: 'none', reasons: [reason] };
  }
}

// The branch outlives its session on purpose: this release said so, and later cleanups should not announce it again.
async function rememberBranch(coordinator: Coordinator, row: SessionsTable, branch: string, reasons: string[]): Promise<void> {
  const prefix = `branch ${branch} kept: `;
  const why = reasons.filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length));
  await rememberKeptBranch(coordinator.db, { repoPath: row.repo_path, branch, reasons: why });
}
