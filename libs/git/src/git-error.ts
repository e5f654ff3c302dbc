/** Stable codes of {@link GitError}; never renamed or reused. */
export type GitErrorCode = 'GIT_FAILED' | 'GIT_TIMEOUT' | 'INVALID_REF' | 'INVALID_PATH';

/** A git process that could not start, failed or ran too long, or a ref or path git must not be given. */
export class GitError extends Error {
  override readonly name = 'GitError';

  constructor(
    readonly code: GitErrorCode,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
