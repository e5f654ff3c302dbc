import type { RunStatus, SandboxProviderName, SandboxRunsTable } from '../db/schema';

/** A run as the JSON of the CLI and the MCP tools show it (camelCase). */
export interface SandboxRun {
  id: string;
  sessionId: string;
  repoPath: string;
  worktreePath: string;
  provider: SandboxProviderName;
  sandboxId: string | null;
  prompt: string;
  status: RunStatus;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  exitCode: number | null;
  branch: string | null;
  prUrl: string | null;
  logPath: string;
  error: string | null;
  runnerPid: number;
  runnerStarted: string;
}

/** The statuses a run ends in; a run never leaves one. */
export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'timed_out', 'killed'];

/** Whether `status` is final ({@link FINAL_RUN_STATUSES}). */
export function isFinalStatus(status: RunStatus): boolean {
  return FINAL_RUN_STATUSES.includes(status);
}

/** A `sandbox_runs` row as a {@link SandboxRun}. */
export function toSandboxRun(row: SandboxRunsTable): SandboxRun {
  return {
    id: row.id,
    sessionId: row.session_id,
    repoPath: row.repo_path,
    worktreePath: row.worktree_path,
    provider: row.provider,
    sandboxId: row.sandbox_id,
    prompt: row.prompt,
    status: row.status,
    createdAt: row.created_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    exitCode: row.exit_code,
    branch: row.branch,
    prUrl: row.pr_url,
    logPath: row.log_path,
    error: row.error,
    runnerPid: row.runner_pid,
    runnerStarted: row.runner_started,
  };
}
