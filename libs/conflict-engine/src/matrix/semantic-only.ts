import type { ClassifiedConflict } from '../detect-conflicts';
import { semanticConflictsOf } from '../semantic/semantic-conflicts-of';
import { readSideDiffs } from '../semantic/side-files';
import type { MergeCommits } from '../semantic/side-files';
import type { PlannedCheck } from './plan-checks';
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
  const here = () => semanticConflictsOf({ repo, ours, theirs, sides: readSideDiffs(repo, ours, theirs, commits) });
  const conflicts = !semantic ? [] : offload ? await offload.semantic({ repo, ours, theirs, commits }).catch(here) : await here();
  return { ...planned, status: conflicts.length > 0 ? 'conflicts' : 'clean', conflicts, reason: null };
}
