import type { ClassifiedConflict } from '../detect-conflicts';
import { semanticConflictsOf } from '../semantic/semantic-conflicts-of';
import type { PlannedCheck } from './plan-checks';

/**
 * The check of a pair the history proved to merge cleanly: no merge-tree, only the semantic
 * check (when `semantic`), which may still find that one side breaks what the other uses.
 */
export async function semanticOnly(
  repo: string,
  planned: PlannedCheck,
  semantic: boolean,
): Promise<PlannedCheck & { status: 'clean' | 'conflicts'; conflicts: ClassifiedConflict[]; reason: null }> {
  const conflicts = semantic ? await semanticConflictsOf({ repo, ours: planned.ours, theirs: planned.theirs }) : [];
  return { ...planned, status: conflicts.length > 0 ? 'conflicts' : 'clean', conflicts, reason: null };
}
