import type { RunnerCoordinator } from '../db/schema';
import { SandboxError } from '../errors';
import { getRun } from '../runs/get-run';
import { isFinalStatus } from '../runs/sandbox-run';
import { updateRun } from '../runs/update-run';
import type { SandboxProvider } from '../sandbox/sandbox';

/**
 * Ends the run of session `sessionId` from any process: kills its sandbox and marks it `killed`
 * (its foreground runner then ends with that status). A run that has already ended is left alone.
 */
export async function killRun(
  coordinator: RunnerCoordinator,
  options: { sessionId: string; provider: SandboxProvider },
): Promise<{ killed: boolean; message: string }> {
  const run = await getRun(coordinator, { sessionId: options.sessionId });
  if (!run) throw new SandboxError('RUN_NOT_FOUND', `No sandbox run belongs to the session ${options.sessionId}.`, { sessionId: options.sessionId });
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
