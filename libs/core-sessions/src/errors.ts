/** Stable codes of {@link SessionError}; never renamed or reused. */
export type SessionErrorCode =
  | 'INVALID_INPUT'
  | 'PROCESS_NOT_RUNNING'
  | 'SESSION_NOT_FOUND'
  | 'LEGACY_DATABASE'
  | 'MIGRATION_FAILED'
  | 'AGENT_FAILED_TO_START'
  | 'PATH_OUTSIDE_REPOSITORY'
  | 'DATABASE_BUSY'
  | 'DATABASE_UNAVAILABLE'
  | 'DATABASE_CORRUPT'
  | 'DATABASE_TOO_NEW'
  | 'SQLITE_UNAVAILABLE'
  | 'SESSION_ID_UNMATCHED'
  | 'SESSION_ID_AMBIGUOUS'
  | 'WORKTREE_HELD'
  | 'PORTS_EXHAUSTED';

/** A failure of the session registry, with a stable `code` and details in `data`. */
export class SessionError extends Error {
  override readonly name = 'SessionError';

  constructor(
    readonly code: SessionErrorCode,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
