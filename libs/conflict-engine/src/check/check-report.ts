import type { ClassifiedConflict } from '../detect-conflicts';

/** One run of the command on a set of branches merged together (or its answer from the cache). */
export interface CheckRun {
  /** The branches merged onto the base for this run. */
  refs: string[];
  /** `pass`, `fail`, or `unmerged` when the set could not be merged (a textual conflict; nothing ran). */
  outcome: 'pass' | 'fail' | 'unmerged';
  exitCode: number | null;
  timedOut: boolean;
  /** Whether the answer came from the cache (nothing ran). */
  cached: boolean;
  /** The tail of the command's output ('' when it passed). */
  outputTail: string;
}

/** What the command said about one branch on its own (merged onto the base), when it fails there. */
export interface BrokenAlone {
  ref: string;
  exitCode: number | null;
  outputTail: string;
}

/** A conflict found by the configured command: SEMANTIC, on the file its output names (`.` when none), with the run's details. */
export type CheckConflict = ClassifiedConflict & {
  check: { command: string; exitCode: number | null; outputTail: string };
};

/** Two branches that each pass the check alone and fail it merged together. */
export interface BreakingPair {
  ours: string;
  theirs: string;
  conflict: CheckConflict;
}

/**
 * The result of {@link checkMergedBranches}: `passed` (all merged together pass), `failed`
 * (see `brokenAlone`, `pairs` and `together`), `timeout` (a run went past the time limit; what
 * was found until then is kept) or `incomplete` (the run budget ran out before every pair was found).
 */
export interface MergedCheckReport {
  command: string;
  status: 'passed' | 'failed' | 'timeout' | 'incomplete';
  /** The commit every set was merged onto (null: the first branch of each set). */
  base: string | null;
  /** The branches merged together into one tree for the first run. */
  merged: string[];
  /** Branches left out of that tree: each would conflict with the merge of `with` (reported as conflicts already). */
  textual: Array<{ ref: string; with: string[] }>;
  runs: CheckRun[];
  /** How many runs really ran the command (the others came from the cache). */
  ran: number;
  /** Branches that fail the check on their own: never blamed on a pair. */
  brokenAlone: BrokenAlone[];
  pairs: BreakingPair[];
  /** Sets that fail together while no pair of them fails (three or more branches needed). */
  together: string[][];
}
