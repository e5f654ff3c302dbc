import type { Generated } from 'kysely';
import type { ClaimMode } from '../claims/claim-mode';

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
  /** When `status` last changed: a `registering` or `releasing` row of an unknown owner untouched for long was abandoned. */
  status_changed_at: string | null;
  /** The process that marked the row `registering` or `releasing` (null otherwise, and in rows of older versions). */
  status_owner_pid: number | null;
  /** That process's start time, as `processStartTime` gives it (PIDs are reused). */
  status_owner_started: string | null;
  created_at: string;
  last_heartbeat: string;
  /** How the session started; only `adopted` sessions work in a place parallel-cc did not make. */
  origin: SessionOrigin;
  /** The session that started this one (a subagent's parent); null when none, or once the parent's row is gone. */
  parent_session_id: string | null;
  /** Set on a guest: a session registered where another live session (this one) already worked; it owns nothing there. */
  shares_place_with: string | null;
  /** The first of the session's ports (PORT), or null when it has none. */
  port_first: number | null;
  /** The last of its ports. */
  port_last: number | null;
}

/**
 * How a session started: `wrapper` (claude-parallel, `run`, `register`), `claude-worktree`
 * (Claude Code's WorktreeCreate hook), `subagent` (a worktree for a subagent of another session),
 * `adopted` (a Claude session registered where it already was), `sandbox` (a sandbox run).
 */
export type SessionOrigin = 'wrapper' | 'claude-worktree' | 'subagent' | 'adopted' | 'sandbox';

/** The `notifications` table: messages for a session, delivered at most once. */
export interface NotificationsTable {
  id: Generated<number>;
  session_id: string;
  kind: string;
  text: string;
  created_at: string;
  delivered_at: string | null;
}

/** The `file_claims` table: one row per session and file it announced it will change. */
export interface FileClaimsTable {
  id: string;
  session_id: string;
  repo_path: string;
  /** Relative to the repository root, `/`-separated. */
  file_path: string;
  mode: ClaimMode;
  ttl_seconds: number;
  claimed_at: string;
  expires_at: string;
}

/**
 * The `kept_leftovers` table: what cleanup or a release kept on purpose and no session owns (a
 * session branch with commits not in its base, a worktree or folder holding work), so that later
 * runs do not report it as new. `name` is the branch (kind `branch`) or the folder.
 */
export interface KeptLeftoversTable {
  repo_path: string;
  kind: string;
  name: string;
  /** A leftover worktree's branch; null for branches and folders. */
  branch: string | null;
  /** Why it was kept: a JSON array of strings. */
  reasons: string;
  /** When it was first kept. */
  kept_at: string;
}

/** The `port_memory` table: the block of ports each place had last (stable across restarts). */
export interface PortMemoryTable {
  worktree_path: string;
  port_first: number;
  port_last: number;
  assigned_at: string;
}

/**
 * The `changed_files` table: the files a session has changed since its branch left its base
 * (committed or not), with the changed line ranges of its version, kept by the PostToolUse hook.
 */
export interface ChangedFilesTable {
  session_id: string;
  repo_path: string;
  /** Relative to the repository root, `/`-separated. */
  file_path: string;
  /** Changed lines of the session's version, e.g. `12-18,40` (see `formatLineRanges`); empty when unknown. */
  ranges: string;
  /** 1 when some of the change is not committed yet. */
  uncommitted: number;
  updated_at: string;
}

/**
 * core-sessions' tables. A type alias, not an interface, as every lib's tables type is: Kysely's
 * `withTables` takes only types with an index signature, which aliases have implicitly.
 */
export type CoreSessionsTables = {
  sessions: SessionsTable;
  notifications: NotificationsTable;
  file_claims: FileClaimsTable;
  kept_leftovers: KeptLeftoversTable;
  changed_files: ChangedFilesTable;
  port_memory: PortMemoryTable;
};
