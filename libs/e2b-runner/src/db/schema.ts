import type { Coordinator } from '@parallel-cc/core-sessions';

/** Which sandbox provider ran a run. */
export type SandboxProviderName = 'e2b' | 'local';

/** Where a run is in its life; the last four are final. */
export type RunStatus = 'pending' | 'uploading' | 'running' | 'downloading' | 'completed' | 'failed' | 'timed_out' | 'killed';

/** The `sandbox_runs` table: one row per unattended run (each run is a session with its own worktree). */
export interface SandboxRunsTable {
  id: string;
  /** The run's session; kept after the session's row is gone (no foreign key: see the migration). */
  session_id: string;
  /** The repository's main checkout, copied from the session so listings work after it is gone. */
  repo_path: string;
  /** The run's worktree, where the result is brought back. */
  worktree_path: string;
  provider: SandboxProviderName;
  sandbox_id: string | null;
  prompt: string;
  status: RunStatus;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  exit_code: number | null;
  branch: string | null;
  pr_url: string | null;
  log_path: string;
  error: string | null;
  /** The foreground runner process: the run's liveness. */
  runner_pid: number;
  /** The runner's start time as core-sessions' `processStartTime` gives it (PIDs are reused). */
  runner_started: string;
}

/** e2b-runner's tables (a type alias, as Kysely's `withTables` needs). */
export type E2BRunnerTables = {
  sandbox_runs: SandboxRunsTable;
};

/**
 * A coordinator opened with e2b-runner's migrations (see `openRunnerCoordinator`). It is typed as
 * core-sessions types it, so that it goes to core-sessions' functions as it is; e2b-runner
 * reaches its own table through `runsDb`.
 */
export type RunnerCoordinator = Coordinator;
