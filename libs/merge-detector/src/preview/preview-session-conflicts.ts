import { conflictMatrix } from '@parallel-cc/conflict-engine';
import type { PairCheck } from '@parallel-cc/conflict-engine';
import { sessionStatus } from '@parallel-cc/core-sessions';
import type { Coordinator, SessionInfo } from '@parallel-cc/core-sessions';
import { refProblem } from '@parallel-cc/git';
import { resolveRepository } from '@parallel-cc/worktree-gtr';
import { parsePreviewOptions } from './preview-options';
import type { PreviewOptions } from './preview-options';

/** A live session whose branch was previewed. */
export interface PreviewedSession {
  sessionId: string;
  branch: string;
  baseBranch: string;
  worktreePath: string;
  isMainRepo: boolean;
}

/** One check of the preview, with the sessions on each side (null for a branch no live session holds, such as a base). */
export type SessionPairCheck = PairCheck & { oursSessionId: string | null; theirsSessionId: string | null };

/** Which live sessions' branches would conflict with each other or with their base, before anyone merges. */
export interface SessionConflictPreview {
  /** The repository's main checkout. */
  repo: string;
  sessions: PreviewedSession[];
  checks: SessionPairCheck[];
  /** Live sessions left out, and why (a main checkout on a detached HEAD has no branch). */
  skipped: Array<{ sessionId: string; reason: string }>;
  conflicting: number;
  failed: number;
}

/**
 * Previews conflicts between the branches of a repository's live (and idle) sessions: each pair,
 * and each branch against its session's base branch, with conflict-engine's {@link conflictMatrix}
 * (`git merge-tree`, nothing checked out, a bounded number at once). A check that cannot run is
 * `failed` with its reason; the others still run. Options are checked before anything runs.
 */
export async function previewSessionConflicts(
  coordinator: Coordinator,
  options: PreviewOptions,
): Promise<SessionConflictPreview> {
  const { repoRoot, concurrency, classify, now } = parsePreviewOptions(options);
  const { root } = await resolveRepository(repoRoot);
  const status = await sessionStatus(coordinator, { repoRoot: root, now });
  const sessions: PreviewedSession[] = [];
  const skipped: SessionConflictPreview['skipped'] = [];
  for (const info of status.sessions.filter((s) => s.state === 'live' || s.state === 'idle')) {
    const previewed = asPreviewed(info);
    if (typeof previewed === 'string') skipped.push({ sessionId: info.sessionId, reason: previewed });
    else sessions.push(previewed);
  }
  const branches = sessions.map((s) => ({ ref: s.branch, base: s.baseBranch }));
  const matrix = await conflictMatrix({ repo: root, branches, concurrency, classify });
  const holder = new Map<string, string>();
  for (const s of sessions) if (!holder.has(s.branch)) holder.set(s.branch, s.sessionId);
  const checks = matrix.checks.map((c) => ({ ...c, oursSessionId: holder.get(c.ours) ?? null, theirsSessionId: holder.get(c.theirs) ?? null }));
  return { repo: root, sessions, checks, skipped, conflicting: matrix.conflicting, failed: matrix.failed };
}

/** The session as previewed, or why it cannot be. */
function asPreviewed(info: SessionInfo): PreviewedSession | string {
  const { sessionId, branch, baseBranch, worktreePath, isMainRepo } = info;
  if (branch === null) return 'Its main checkout is on a detached HEAD, so it has no branch to compare.';
  // Rows written by older versions or by hand might hold names git would misread: leave them out, say why.
  const branchProblem = refProblem(branch);
  if (branchProblem) return `Its branch ${JSON.stringify(branch)} is not a valid ref: ${branchProblem}.`;
  const baseProblem = refProblem(baseBranch);
  if (baseProblem) return `Its base branch ${JSON.stringify(baseBranch)} is not a valid ref: ${baseProblem}.`;
  return { sessionId, branch, baseBranch, worktreePath, isMainRepo };
}
