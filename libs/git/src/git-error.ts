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

/**
 * `work`, with a {@link GitError} it rejects with turned into the caller's own error by `as`: the
 * one way a lib translates this package's failures into its error class (same message and data).
 */
export async function gitErrorsAs<T>(work: Promise<T>, as: (error: GitError) => Error): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof GitError) throw as(error);
    throw error;
  }
}
