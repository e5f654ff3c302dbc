/** Stable codes of {@link LiveStateError}; never renamed or reused. */
export type LiveStateErrorCode = 'INVALID_INPUT';

/** A failure of live-state (an option out of range), with a stable `code` and details in `data`. */
export class LiveStateError extends Error {
  override readonly name = 'LiveStateError';

  constructor(
    readonly code: LiveStateErrorCode,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
