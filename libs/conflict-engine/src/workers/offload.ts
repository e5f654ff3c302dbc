import type { ClassifiedConflict } from '../detect-conflicts';
import type { AnalyzeFiles } from '../classify/verdicts';
import { semanticConflictsOf } from '../semantic/semantic-conflicts-of';
import { readSideDiffs } from '../semantic/side-files';
import type { MergeCommits } from '../semantic/side-files';

/** The merge a semantic check is asked about, as plain data. */
export interface SemanticTask {
  repo: string;
  ours: string;
  theirs: string;
  /** The refs' tips and merge base, when resolved beforehand (null: they share none). */
  commits?: MergeCommits | null | undefined;
}

/**
 * The JavaScript-heavy parts of a check, sent to other threads while the check's git runs on the
 * caller's: the semantic check, and analysing the conflicted files. Either may fail (a worker
 * that died); the check then does that part itself.
 */
export interface Offload {
  semantic(task: SemanticTask): Promise<ClassifiedConflict[]>;
  analyze: AnalyzeFiles;
}

/** The semantic check of `task` on this thread, the sides' diffs read (or found kept) here. */
export function semanticHere({ repo, ours, theirs, commits }: SemanticTask): Promise<ClassifiedConflict[]> {
  return semanticConflictsOf({ repo, ours, theirs, sides: readSideDiffs(repo, ours, theirs, commits) });
}
