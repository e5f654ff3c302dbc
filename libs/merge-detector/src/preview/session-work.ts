import { snapshotWorktree } from '@parallel-cc/conflict-engine';
import type { SessionInfo } from '@parallel-cc/core-sessions';
import { refProblem } from '@parallel-cc/git';

/** A session whose work was previewed: its branch, and its work tree's uncommitted work when it has some. */
export interface PreviewedSession {
  sessionId: string;
  branch: string;
  baseBranch: string;
  worktreePath: string;
  isMainRepo: boolean;
  /** `live` or `idle`; `kept` for a dead session whose worktree was kept because it held work still waiting to be merged. */
  state: 'live' | 'idle' | 'kept';
  /** What was merged: the branch when its work tree has nothing uncommitted, else a commit of the work tree's state on top of HEAD. */
  ref: string;
  /** The commit HEAD points at in its work tree (null when the work tree could not be read). */
  head: string | null;
  /** Paths with uncommitted work (tracked changes and untracked files), empty when there is none. */
  uncommitted: string[];
  /** Why its work tree could not be read (its branch was compared instead), else null. */
  snapshotProblem: string | null;
}

/** The states whose work a preview compares: live sessions, and the work a dead session left in a kept worktree. */
export const PREVIEWED_STATES: ReadonlySet<string> = new Set(['live', 'idle', 'kept']);

/**
 * The session as previewed, or why it cannot be. With `workInProgress`, its work tree is
 * snapshotted (conflict-engine's {@link snapshotWorktree}, cached by the work tree's state) and
 * the snapshot is what gets merged; a work tree that cannot be read falls back to the branch. Its
 * branch is the one checked out now, which a main checkout may have switched since it registered.
 */
export async function previewedSession(info: SessionInfo, workInProgress: boolean): Promise<PreviewedSession | string> {
  const { sessionId, branch, baseBranch, worktreePath, isMainRepo } = info;
  if (branch === null) return 'Its main checkout is on a detached HEAD, so it has no branch to compare.';
  // Rows written by older versions or by hand might hold names git would misread: leave them out, say why.
  const branchProblem = refProblem(branch);
  if (branchProblem) return `Its branch ${JSON.stringify(branch)} is not a valid ref: ${branchProblem}.`;
  const baseProblem = refProblem(baseBranch);
  if (baseProblem) return `Its base branch ${JSON.stringify(baseBranch)} is not a valid ref: ${baseProblem}.`;
  const state = info.state === 'kept' ? 'kept' : info.state === 'idle' ? 'idle' : 'live';
  const session = { sessionId, branch, baseBranch, worktreePath, isMainRepo, state } as const;
  if (!workInProgress) return { ...session, ref: branch, head: null, uncommitted: [], snapshotProblem: null };
  try {
    const snapshot = await snapshotWorktree(worktreePath);
    // The checkout may have switched branches since the session registered (a main checkout
    // often does): its work is what is checked out now; on a detached HEAD, that commit.
    const current = snapshot.branch ?? branch;
    const ref = snapshot.uncommitted.length > 0 ? snapshot.commit : snapshot.branch === null ? snapshot.head : current;
    return { ...session, branch: current, ref, head: snapshot.head, uncommitted: snapshot.uncommitted, snapshotProblem: null };
  } catch (error) {
    return { ...session, ref: branch, head: null, uncommitted: [], snapshotProblem: error instanceof Error ? error.message : String(error) };
  }
}
