import { conflictMatrix } from '@parallel-cc/conflict-engine';
import type { PairCheck } from '@parallel-cc/conflict-engine';
import { sessionStatus } from '@parallel-cc/core-sessions';
import type { Coordinator } from '@parallel-cc/core-sessions';
import { resolveRepository } from '@parallel-cc/worktree-gtr';
import { withSources } from './conflict-source';
import type { SessionConflict } from './conflict-source';
import { parsePreviewOptions } from './preview-options';
import type { PreviewOptions } from './preview-options';
import { PREVIEWED_STATES, previewedSession } from './session-work';
import type { PreviewedSession } from './session-work';

/**
 * One check of the preview. `ours` and `theirs` name the sessions' branches (or a base branch);
 * `oursRef` and `theirsRef` are what was merged: the branch, or the snapshot of a work tree's
 * uncommitted work. The sessions on each side are null for a branch no session holds (a base).
 */
export type SessionPairCheck = Omit<PairCheck, 'conflicts'> & {
  oursRef: string;
  theirsRef: string;
  oursSessionId: string | null;
  theirsSessionId: string | null;
  /** Whether one side is the work a dead session left in a kept worktree. */
  kept: boolean;
  conflicts: SessionConflict[];
};

/** Which live sessions' work would conflict with each other or with their base, before anyone merges or even commits. */
export interface SessionConflictPreview {
  /** The repository's main checkout. */
  repo: string;
  sessions: PreviewedSession[];
  checks: SessionPairCheck[];
  /** Sessions left out, and why (a main checkout on a detached HEAD has no branch). */
  skipped: Array<{ sessionId: string; reason: string }>;
  conflicting: number;
  failed: number;
}

/**
 * Previews conflicts between the work of a repository's live (and idle) sessions and of kept
 * worktrees: each pair, and each against its session's base branch, with conflict-engine's
 * {@link conflictMatrix} (`git merge-tree`, nothing checked out, a bounded number at once). A
 * session's work is its branch, plus its work tree's uncommitted work when it has some (a snapshot
 * that leaves its index and files alone; `workInProgress: false` compares branches only). Each
 * conflict says whether it comes from committed or uncommitted work. Stale sessions are left out.
 * A check that cannot run is `failed` with its reason; the others still run. Options are checked
 * before anything runs.
 */
export async function previewSessionConflicts(coordinator: Coordinator, options: PreviewOptions): Promise<SessionConflictPreview> {
  const { repoRoot, concurrency, classify, now, workInProgress = true, onCheck } = parsePreviewOptions(options);
  const { root } = await resolveRepository(repoRoot);
  const status = await sessionStatus(coordinator, { repoRoot: root, now });
  const sessions: PreviewedSession[] = [];
  const skipped: SessionConflictPreview['skipped'] = [];
  const candidates = status.sessions.filter((s) => PREVIEWED_STATES.has(s.state));
  const previewed = await Promise.all(candidates.map((info) => previewedSession(info, workInProgress)));
  previewed.forEach((p, i) => {
    if (typeof p !== 'string') sessions.push(p);
    else skipped.push({ sessionId: candidates[i]?.sessionId ?? '', reason: p });
  });
  // A branch is never checked against itself: a main checkout on its own base has no base check.
  const branches = sessions.map((s) => (s.ref === s.baseBranch || s.branch === s.baseBranch ? { ref: s.ref } : { ref: s.ref, base: s.baseBranch }));
  const matrix = await conflictMatrix({ repo: root, branches, concurrency, classify, ...(onCheck ? { onCheck } : {}) });
  const holder = new Map<string, PreviewedSession>();
  for (const s of sessions) if (!holder.has(s.ref)) holder.set(s.ref, s);
  const checks: SessionPairCheck[] = [];
  for (const c of matrix.checks) {
    const [ours, theirs] = [holder.get(c.ours), holder.get(c.theirs)];
    const conflicts = await withSources(root, { ref: c.ours, session: ours }, { ref: c.theirs, session: theirs }, c.conflicts);
    checks.push({
      ...c,
      ours: ours?.branch ?? c.ours,
      theirs: theirs?.branch ?? c.theirs,
      oursRef: c.ours,
      theirsRef: c.theirs,
      oursSessionId: ours?.sessionId ?? null,
      theirsSessionId: theirs?.sessionId ?? null,
      kept: ours?.state === 'kept' || theirs?.state === 'kept',
      conflicts,
    });
  }
  return { repo: root, sessions, checks, skipped, conflicting: matrix.conflicting, failed: matrix.failed };
}
