import { detectWithContext } from '../detect-conflicts';
import type { MergeCommits } from '../semantic/side-files';
import type { PairCheck } from './conflict-matrix';
import type { PlannedCheck } from './plan-checks';
import { semanticOnly } from './semantic-only';
import type { Offload } from '../workers/offload';

/** One check of a matrix. */
export interface CheckTask {
  repo: string;
  planned: PlannedCheck;
  classify: boolean;
  semantic: boolean;
  /** The history proved that the pair merges cleanly: only the semantic check runs. */
  provedClean: boolean;
  /** The pair's tips and merge base when resolved beforehand (null: they share none). */
  commits?: MergeCommits | null;
}

/**
 * Runs one check of a matrix with the engine's own merge (see `detectConflicts`), its semantic
 * check and file analyses sent to `offload` when given; a failure is the check's `failed` status
 * with its reason.
 */
export async function runCheck(task: CheckTask, offload?: Offload): Promise<PairCheck> {
  const { repo, planned, classify, semantic, commits } = task;
  if (task.provedClean) return semanticOnly(repo, planned, semantic, commits, offload);
  try {
    const { report } = await detectWithContext({ repo, ours: planned.ours, theirs: planned.theirs, classify, semantic }, commits, offload);
    return { ...planned, status: report.clean ? 'clean' : 'conflicts', conflicts: report.conflicts, reason: null };
  } catch (error) {
    return failedCheck(planned, error);
  }
}

/** A check that threw, reported with the error's message. */
export function failedCheck(planned: PlannedCheck, error: unknown): PairCheck {
  return { ...planned, status: 'failed', conflicts: [], reason: error instanceof Error ? error.message : String(error) };
}
