import { SandboxError } from '../errors';
import { runsDb } from '../db/runs-db';
import type { RunnerCoordinator } from '../db/schema';
import { toSandboxRun } from './sandbox-run';
import type { SandboxRun } from './sandbox-run';

// Hex digits and dashes only, so the prefix is safe in LIKE (no % or _); 4 digits at least.
const ID_OR_PREFIX = /^[0-9a-f][0-9a-f-]{3,35}$/i;
const FULL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The run `idOrRunId` names: its session's id or its own, whole or a leading part of at least 4
 * hex digits (`sandbox run` prints the first 8 of each). `INVALID_INPUT` for text that is no id
 * or a part that names several runs, `RUN_NOT_FOUND` when none has it.
 */
export async function findRun(coordinator: RunnerCoordinator, idOrRunId: string): Promise<SandboxRun> {
  const id = idOrRunId.trim().toLowerCase();
  if (!ID_OR_PREFIX.test(id)) {
    throw new SandboxError(
      'INVALID_INPUT',
      `${JSON.stringify(idOrRunId)} is not a session or run id: give the id \`sandbox run\` printed (8 hex digits such as 1a2b3c4d, or the whole id).`,
      { id: idOrRunId },
    );
  }
  let query = runsDb(coordinator.db).selectFrom('sandbox_runs').selectAll();
  query = FULL_ID.test(id)
    ? query.where((eb) => eb.or([eb('session_id', '=', id), eb('id', '=', id)]))
    : query.where((eb) => eb.or([eb('session_id', 'like', `${id}%`), eb('id', 'like', `${id}%`)]));
  const rows = await query.orderBy('created_at').limit(6).execute();
  const [row] = rows;
  if (!row) {
    throw new SandboxError('RUN_NOT_FOUND', `No sandbox run has the session or run id ${id}: see \`parallel-cc status --sandbox-only\`.`, { id });
  }
  if (rows.length > 1) {
    const runs = rows.slice(0, 5).map((r) => `session ${r.session_id} (run ${r.id})`);
    throw new SandboxError('INVALID_INPUT', `${id} begins ${rows.length > 5 ? 'more than 5' : rows.length} sandbox runs' ids (${runs.join(', ')}): give more of it.`, { id });
  }
  return toSandboxRun(row);
}
