/** Stable codes of {@link ConflictEngineError}; never renamed or reused. */
export type ConflictEngineErrorCode =
  | 'INVALID_REF'
  | 'UNKNOWN_REF'
  | 'NOT_A_REPOSITORY'
  | 'UNRELATED_HISTORIES'
  | 'GIT_FAILED'
  | 'FILE_CHANGED'
  | 'PATH_OUTSIDE_WORKTREE'
  | 'INVALID_INPUT'
  | 'SUGGESTION_NOT_FOUND'
  | 'HISTORY_FAILED'
  | 'NO_WORKTREE'
  | 'UNCOMMITTED_WORK';

/** A failure of a conflict check, with a stable `code` and details in `data`. */
export class ConflictEngineError extends Error {
  override readonly name = 'ConflictEngineError';

  constructor(
    readonly code: ConflictEngineErrorCode,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
