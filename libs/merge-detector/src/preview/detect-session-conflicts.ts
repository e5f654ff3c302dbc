import { assertValidRef, detectConflicts } from '@parallel-cc/conflict-engine';
import type { ConflictReport } from '@parallel-cc/conflict-engine';
import { sessionStatus } from '@parallel-cc/core-sessions';
import type { Coordinator } from '@parallel-cc/core-sessions';
import { resolveRepository } from '@parallel-cc/worktree-gtr';
import { withSources } from './conflict-source';
import type { MergeSide, SessionConflict } from './conflict-source';
import { PREVIEWED_STATES, previewedSession } from './session-work';
import type { PreviewedSession } from './session-work';

/** Which two branches of which repository to merge in thought, each with its session's work in progress. */
export interface SessionMergeOptions {
  /** Any folder of the repository. */
  repoRoot: string;
  /** The branch merged into. */
  ours: string;
  /** The branch being merged. */
  theirs: string;
  /** Compare the work trees' uncommitted work too (default true). */
  workInProgress?: boolean;
  /** The time that decides which sessions are live (default: now). */
  now?: Date;
}

/** One side of {@link detectSessionConflicts}: the branch asked for, what was merged, and the session whose work it is. */
export interface SessionMergeSide {
  branch: string;
  /** The branch, or the snapshot of its session's work tree when that holds uncommitted work. */
  ref: string;
  session: PreviewedSession | null;
}

/** conflict-engine's report of the merge, each conflict with its source, and the two sides. */
export type SessionMergeReport = Omit<ConflictReport, 'conflicts'> & {
  conflicts: SessionConflict[];
  ours: SessionMergeSide;
  theirs: SessionMergeSide;
};

/**
 * Would merging `theirs` into `ours` conflict, counting work not committed yet: a branch that a
 * live or idle session (or a kept worktree) has checked out is taken with its work tree's
 * uncommitted work (a snapshot; index and files untouched). Each conflict says whether it comes
 * from committed or uncommitted work. Refs are checked first (conflict-engine's `INVALID_REF`);
 * merge failures are conflict-engine's errors.
 */
export async function detectSessionConflicts(coordinator: Coordinator, options: SessionMergeOptions): Promise<SessionMergeReport> {
  const { ours, theirs, workInProgress = true, now } = options;
  assertValidRef(ours, 'ours');
  assertValidRef(theirs, 'theirs');
  const { root } = await resolveRepository(options.repoRoot);
  const status = await sessionStatus(coordinator, { repoRoot: root, now });
  const sideOf = async (branch: string): Promise<MergeSide> => {
    const info = workInProgress ? status.sessions.find((s) => s.branch === branch && PREVIEWED_STATES.has(s.state)) : undefined;
    const previewed = info ? await previewedSession(info, true) : undefined;
    // A session that has since checked out another branch no longer holds this one's work.
    const session = typeof previewed === 'object' && previewed.branch === branch ? previewed : undefined;
    return { ref: session?.ref ?? branch, session };
  };
  const [oursSide, theirsSide] = await Promise.all([sideOf(ours), sideOf(theirs)]);
  const report = await detectConflicts({ repo: root, ours: oursSide.ref, theirs: theirsSide.ref });
  const conflicts = await withSources(root, oursSide, theirsSide, report.conflicts);
  const side = (branch: string, s: MergeSide): SessionMergeSide => ({ branch, ref: s.ref, session: s.session ?? null });
  return { ...report, conflicts, ours: side(ours, oursSide), theirs: side(theirs, theirsSide) };
}
