import type { ClassifiedConflict } from '../detect-conflicts';
import type { AnalyzeFiles } from '../classify/verdicts';
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
