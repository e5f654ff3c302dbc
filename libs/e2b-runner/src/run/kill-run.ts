import type { RunnerCoordinator } from '../db/schema';
import { SandboxError } from '../errors';
import { findRun } from '../runs/find-run';
import { getRun } from '../runs/get-run';
import { isFinalStatus } from '../runs/sandbox-run';
import { updateRun } from '../runs/update-run';
import type { SandboxProvider } from '../sandbox/sandbox';

/**
 * Ends the run `id` names (its session's id or its own, whole or short: see {@link findRun}) from
 * any process: kills its sandbox and marks it `killed` (its foreground runner then ends with that
 * status). A run that has already ended is left alone.
 */
export async function killRun(
  coordinator: RunnerCoordinator,
  options: { id: string; provider: SandboxProvider },
): Promise<{ killed: boolean; message: string }> {
  const run = await findRun(coordinator, options.id);
  if (isFinalStatus(run.status)) return { killed: false, message: `The run ${run.id} has already ended (${run.status}); nothing to kill.` };
  // Marked first: the runner then stops at its next step, even before its sandbox exists.
  try {
    await updateRun(coordinator, run.id, { status: 'killed', error: 'killed with sandbox kill' });
  } catch (error) {
    if (error instanceof SandboxError && error.code === 'INVALID_TRANSITION') {
      const now = await getRun(coordinator, { id: run.id });
      return { killed: false, message: `The run ${run.id} ended (${now?.status ?? 'unknown'}) before it could be killed.` };
    }
    throw error;
  }
  let note = '';
  if (run.sandboxId) {
    try {
      await (await options.provider.connect(run.sandboxId)).kill();
    } catch (error) {
      if (!(error instanceof SandboxError && error.code === 'NOT_FOUND')) note = ` Its sandbox ${run.sandboxId} could not be reached (${(error as Error).message}); it ends at its own time limit.`;
    }
  }
  return { killed: true, message: `The run ${run.id} was killed${run.sandboxId ? ` and its sandbox ${run.sandboxId} ended` : ''}.${note}` };
}
