import { randomUUID } from 'node:crypto';
import { immediateTransaction, processStartTime, sessionById } from '@parallel-cc/core-sessions';
import { runsDb } from '../db/runs-db';
import type { RunnerCoordinator, SandboxProviderName, SandboxRunsTable } from '../db/schema';
import { SandboxError } from '../errors';
import { CreateRunSchema, parseRunInput } from './run-inputs';
import { toSandboxRun } from './sandbox-run';
import type { SandboxRun } from './sandbox-run';

/** What {@link createRun} records. */
export interface CreateRunOptions {
  /** The run's id (a UUID), when the caller needs it first (for the log path); default a new one. */
  id?: string;
  /** The run's session: registered with `placement: 'worktree'`, so never the main checkout. */
  sessionId: string;
  provider: SandboxProviderName;
  /** The prompt exactly as the user wrote it. */
  prompt: string;
  /** The absolute path of the file the run's output is streamed to. */
  logPath: string;
  /** The foreground process running the run (its liveness); default this process. */
  runnerPid?: number;
}

/**
 * Records a new `pending` run of a session that has its own worktree. Refuses a session that
 * does not exist (`SESSION_NOT_FOUND`), works in the main checkout (`RUN_IN_MAIN_CHECKOUT`) or
 * already has a run, and a runner PID that is not running (`PROCESS_NOT_RUNNING`).
 */
export async function createRun(coordinator: RunnerCoordinator, options: CreateRunOptions): Promise<SandboxRun> {
  const input = parseRunInput(CreateRunSchema, options, 'run');
  const runnerPid = input.runnerPid ?? process.pid;
  const runnerStarted = processStartTime(runnerPid);
  if (runnerStarted === null) {
    throw new SandboxError('PROCESS_NOT_RUNNING', `No process with PID ${runnerPid} is running; a run needs its live runner.`, { pid: runnerPid });
  }
  return immediateTransaction(coordinator.db, async (trx) => {
    const session = await sessionById(trx, input.sessionId);
    if (!session) {
      throw new SandboxError('SESSION_NOT_FOUND', `No session with id ${input.sessionId} is registered.`, { sessionId: input.sessionId });
    }
    if (session.is_main_repo === 1) {
      throw new SandboxError(
        'RUN_IN_MAIN_CHECKOUT',
        `The session ${input.sessionId} works in the main checkout; a run needs its own worktree (register it with placement 'worktree').`,
        { sessionId: input.sessionId },
      );
    }
    const db = runsDb(trx);
    const existing = await db.selectFrom('sandbox_runs').select('id').where('session_id', '=', input.sessionId).executeTakeFirst();
    if (existing) {
      throw new SandboxError('INVALID_INPUT', `The session ${input.sessionId} already has the run ${existing.id}; each run gets its own session.`, {
        sessionId: input.sessionId,
        runId: existing.id,
      });
    }
    const row: SandboxRunsTable = {
      id: input.id ?? randomUUID(),
      session_id: input.sessionId,
      repo_path: session.repo_path,
      worktree_path: session.worktree_path,
      provider: input.provider,
      sandbox_id: null,
      prompt: input.prompt,
      status: 'pending',
      created_at: new Date().toISOString(),
      started_at: null,
      ended_at: null,
      exit_code: null,
      branch: null,
      pr_url: null,
      log_path: input.logPath,
      error: null,
      runner_pid: runnerPid,
      runner_started: runnerStarted,
    };
    await db.insertInto('sandbox_runs').values(row).execute();
    return toSandboxRun(row);
  });
}
