/** Stable codes of {@link IntegrationError}; never renamed or reused. */
export type IntegrationErrorCode =
  | 'INVALID_SETTINGS'
  | 'CONCURRENT_CHANGE'
  | 'NPX_CACHE'
  | 'NOT_EXECUTABLE'
  | 'BINARY_NOT_FOUND'
  | 'UNKNOWN_SHELL'
  | 'INVALID_INPUT'
  | 'ALIAS_TARGET_MISSING';

/** A failure of installing or of a hook, with a stable `code` and details in `data`. */
export class IntegrationError extends Error {
  override readonly name = 'IntegrationError';

  constructor(
    readonly code: IntegrationErrorCode,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
