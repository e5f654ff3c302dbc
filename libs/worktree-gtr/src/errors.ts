/** Stable codes of {@link WorktreeError}; never renamed or reused. */
export type WorktreeErrorCode =
  | 'NOT_FOUND'
  | 'NOT_A_REPOSITORY'
  | 'UNSUPPORTED_REPOSITORY'
  | 'NO_COMMITS'
  | 'INVALID_REF'
  | 'INVALID_INPUT'
  | 'GIT_FAILED'
  | 'GTR_FAILED'
  | 'POST_CREATE_FAILED'
  | 'REPOSITORY_LOCKED';

/** A failure of a worktree operation, with a stable `code` and details in `data`. */
export class WorktreeError extends Error {
  override readonly name = 'WorktreeError';

  constructor(
    readonly code: WorktreeErrorCode,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
