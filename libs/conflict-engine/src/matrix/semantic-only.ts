import type { ClassifiedConflict } from '../detect-conflicts';
import type { MergeCommits } from '../semantic/side-files';
import type { PlannedCheck } from './plan-checks';
import { semanticHere } from '../workers/offload';
import type { Offload } from '../workers/offload';

/**
 * The check of a pair the history proved to merge cleanly: no merge-tree, only the semantic
 * check (when `semantic`; sent to `offload` when given), which may still find that one side
 * breaks what the other uses. `commits`, when known, are the pair's tips and merge base.
 */
export async function semanticOnly(
  repo: string,
  planned: PlannedCheck,
  semantic: boolean,
  commits?: MergeCommits | null,
  offload?: Offload,
): Promise<PlannedCheck & { status: 'clean' | 'conflicts'; conflicts: ClassifiedConflict[]; reason: null }> {
  const { ours, theirs } = planned;
  const task = { repo, ours, theirs, commits };
  const conflicts = !semantic ? [] : offload ? await offload.semantic(task).catch(() => semanticHere(task)) : await semanticHere(task);
  return { ...planned, status: conflicts.length > 0 ? 'conflicts' : 'clean', conflicts, reason: null };
}
