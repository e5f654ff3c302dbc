/** Where a session row is in its life; the state users see is derived from this and liveness. */
export type SessionRowStatus = 'registering' | 'active' | 'releasing' | 'kept';

/** The `sessions` table: one row per session (a process and a place). */
export interface SessionsTable {
  id: string;
  repo_path: string;
  worktree_path: string;
  worktree_name: string | null;
  branch: string | null;
  base_branch: string;
  is_main_repo: number;
  pid: number;
  pid_started: string | null;
  agent_pid: number | null;
  agent_started: string | null;
  claude_session_id: string | null;
  status: SessionRowStatus;
  kept_reason: string | null;
  created_at: string;
  last_heartbeat: string;
}

/** core-sessions' tables. */
export interface CoreSessionsTables {
  sessions: SessionsTable;
}
