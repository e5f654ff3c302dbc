import type { Coordinator } from '@parallel-cc/core-sessions';
import { previewSessionConflicts } from '@parallel-cc/merge-detector';
import type { SessionConflict, SessionPairCheck } from '@parallel-cc/merge-detector';
import type { ConflictClass, MatrixCell, RepositoryMatrix } from './live-state';

const RANK: Record<ConflictClass, number> = { TRIVIAL: 1, STRUCTURAL: 2, CONCURRENT: 3, SEMANTIC: 4 };

/**
 * The conflict matrix of one repository's live, idle and kept sessions: merge-detector's
 * `previewSessionConflicts` (committed and uncommitted work, classified), each check with its
 * worst class and source. A preview that cannot run comes back with its `error` and no checks.
 */
export async function readMatrix(coordinator: Coordinator, repoPath: string, now: Date = new Date()): Promise<RepositoryMatrix> {
  const computedAt = new Date().toISOString();
  try {
    const preview = await previewSessionConflicts(coordinator, { repoRoot: repoPath, now });
    return { ...preview, checks: preview.checks.map(toCell), computedAt, error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { repo: repoPath, sessions: [], skipped: [], checks: [], conflicting: 0, failed: 0, computedAt, error: message };
  }
}

/** A pair check as a grid cell: its worst class and where its conflicts come from. */
export function toCell(check: SessionPairCheck): MatrixCell {
  return { ...check, worst: worstClass(check.conflicts), source: sourceOf(check.conflicts) };
}

/** The most severe class among `conflicts`, or null when none is classified. */
export function worstClass(conflicts: readonly SessionConflict[]): ConflictClass | null {
  let worst: ConflictClass | null = null;
  for (const c of conflicts) {
    const cls = c.classification?.class;
    if (cls !== undefined && (worst === null || RANK[cls] > RANK[worst])) worst = cls;
  }
  return worst;
}

function sourceOf(conflicts: readonly SessionConflict[]): MatrixCell['source'] {
  if (conflicts.length === 0) return null;
  return conflicts.some((c) => c.source === 'committed') ? 'committed' : 'uncommitted';
}
