import { immediateTransaction } from '@parallel-cc/core-sessions';
import type { Updateable } from 'kysely';
import { runsDb } from '../db/runs-db';
import type { RunnerCoordinator, RunStatus, SandboxRunsTable } from '../db/schema';
import { SandboxError } from '../errors';
import { parseRunInput, RunIdSchema, RunPatchSchema } from './run-inputs';
import { isFinalStatus, toSandboxRun } from './sandbox-run';
import type { SandboxRun } from './sandbox-run';

/** What {@link updateRun} may change; absent fields stay as they are. */
export interface RunPatch {
  status?: RunStatus;
  sandboxId?: string | null;
  /** Default: now, when the status first becomes `running`. */
  startedAt?: string;
  /** Default: now, when the status becomes final. */
  endedAt?: string;
  exitCode?: number | null;
  branch?: string | null;
  prUrl?: string | null;
  error?: string | null;
}

// A run only moves forward: pending → uploading → running → downloading → a final status, any
// step of which may be skipped (a failed upload ends the run at once).
const ORDER: Record<RunStatus, number> = {
  pending: 0,
  uploading: 1,
  running: 2,
  downloading: 3,
  completed: 4,
  failed: 4,
  timed_out: 4,
  killed: 4,
};

/**
 * Changes run `id` and returns it as it is now. The status only moves forward and never leaves a
 * final one (`INVALID_TRANSITION`); a final run's other fields may still be filled in (git-live
 * adds the PR URL after the result is back). Read and write happen in one immediate transaction.
 */
export async function updateRun(coordinator: RunnerCoordinator, id: string, patch: RunPatch): Promise<SandboxRun> {
  const runId = parseRunInput(RunIdSchema, id, 'run id');
  const input = parseRunInput(RunPatchSchema, patch, 'run change');
  return immediateTransaction(coordinator.db, async (trx) => {
    const db = runsDb(trx);
    const row = await db.selectFrom('sandbox_runs').selectAll().where('id', '=', runId).executeTakeFirst();
    if (!row) throw new SandboxError('RUN_NOT_FOUND', `No run with id ${runId} is recorded.`, { runId });
    const status = input.status ?? row.status;
    if (status !== row.status) assertTransition(runId, row.status, status);
    const now = new Date().toISOString();
    const changes: Updateable<SandboxRunsTable> = {
      status,
      sandbox_id: input.sandboxId,
      started_at: input.startedAt ?? (status === 'running' && row.started_at === null ? now : undefined),
      ended_at: input.endedAt ?? (isFinalStatus(status) && row.ended_at === null ? now : undefined),
      exit_code: input.exitCode,
      branch: input.branch,
      pr_url: input.prUrl,
      error: input.error,
    };
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Updateable<SandboxRunsTable>;
    await db.updateTable('sandbox_runs').set(defined).where('id', '=', runId).execute();
    return toSandboxRun({ ...row, ...defined } as SandboxRunsTable);
  });
}

function assertTransition(runId: string, from: RunStatus, to: RunStatus): void {
  if (isFinalStatus(from)) {
    throw new SandboxError('INVALID_TRANSITION', `The run ${runId} has already ended (${from}); its status cannot become ${to}.`, { runId, from, to });
  }
  if (ORDER[to] < ORDER[from]) {
    throw new SandboxError('INVALID_TRANSITION', `The run ${runId} is ${from}; it cannot go back to ${to}.`, { runId, from, to });
  }
}
