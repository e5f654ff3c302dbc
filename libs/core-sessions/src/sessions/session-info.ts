import type { PortBlock } from '@parallel-cc/worktree-gtr';
import type { SessionOrigin, SessionsTable } from '../db/schema';
import { rowPorts } from '../ports/port-env';
import { isSessionAlive, sessionState } from '../liveness/session-state';
import type { SessionState } from '../liveness/session-state';
import { placeProblem } from './place-problem';
import type { PlaceProblem } from './place-problem';

/** A session as JSON shows it (camelCase; ISO-8601 UTC times). */
export interface SessionInfo {
  sessionId: string;
  pid: number;
  agentPid: number | null;
  repoPath: string;
  worktreePath: string;
  worktreeName: string | null;
  branch: string | null;
  baseBranch: string;
  isMainRepo: boolean;
  state: SessionState;
  keptReason: string | null;
  /** What is wrong with its place (repository gone, worktree or branch missing), or null. */
  problem: PlaceProblem | null;
  claudeSessionId: string | null;
  /** How the session started: `wrapper`, `claude-worktree`, `subagent`, `adopted` or `sandbox`. */
  origin: SessionOrigin;
  /** The session that started this one (a subagent's parent), or null. */
  parentSessionId: string | null;
  /** A guest's holder: the session that already worked in this place when it came (a plain `claude` in a busy checkout), or null. */
  sharesPlaceWith: string | null;
  /** Its block of ports (PORT is the first), or null when it has none. */
  ports: PortBlock | null;
  createdAt: string;
  lastHeartbeat: string;
}

/** The JSON view of a session row at `now`. */
export function toSessionInfo(row: SessionsTable, now: Date = new Date(), alive = isSessionAlive(row)): SessionInfo {
  return {
    sessionId: row.id,
    pid: row.pid,
    agentPid: row.agent_pid,
    repoPath: row.repo_path,
    worktreePath: row.worktree_path,
    worktreeName: row.worktree_name,
    branch: row.branch,
    baseBranch: row.base_branch,
    isMainRepo: row.is_main_repo === 1,
    state: sessionState(row, now, alive),
    keptReason: row.kept_reason,
    problem: placeProblem(row),
    claudeSessionId: row.claude_session_id,
    origin: row.origin,
    parentSessionId: row.parent_session_id,
    sharesPlaceWith: row.shares_place_with,
    ports: rowPorts(row),
    createdAt: row.created_at,
    lastHeartbeat: row.last_heartbeat,
  };
}
