import { runsDb } from '../db/runs-db';
import type { RunnerCoordinator } from '../db/schema';
import { parseRunInput, RunIdSchema } from './run-inputs';
import { toSandboxRun } from './sandbox-run';
import type { SandboxRun } from './sandbox-run';

/** A run named by its own id or by its session's id (the CLI's `--session-id`). */
export type RunSelector = { id: string } | { sessionId: string };

/** The run `selector` names, or undefined when there is none. */
export async function getRun(coordinator: RunnerCoordinator, selector: RunSelector): Promise<SandboxRun | undefined> {
  const query = runsDb(coordinator.db).selectFrom('sandbox_runs').selectAll();
  const row =
    'id' in selector
      ? await query.where('id', '=', parseRunInput(RunIdSchema, selector.id, 'run id')).executeTakeFirst()
      : await query.where('session_id', '=', parseRunInput(RunIdSchema, selector.sessionId, 'session id')).executeTakeFirst();
  return row && toSandboxRun(row);
}
