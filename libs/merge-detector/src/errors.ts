/** Stable codes of {@link MergeDetectorError}; never renamed or reused (`WATCHER_RUNNING` moved to @parallel-cc/watch-service). */
export type MergeDetectorErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_REF'
  | 'SESSION_NOT_FOUND'
  | 'NOT_FOUND'
  | 'NOT_A_REPOSITORY'
  | 'REBASE_IN_PROGRESS'
  | 'GIT_FAILED';

/** A failure of merge detection or rebase help, with a stable `code` and details in `data`. */
export class MergeDetectorError extends Error {
  override readonly name = 'MergeDetectorError';

  constructor(
    readonly code: MergeDetectorErrorCode,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
