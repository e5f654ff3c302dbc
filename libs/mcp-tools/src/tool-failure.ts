/** A tool's own failure (no session, nothing to act on): its message is what the model reads. */
export class ToolFailure extends Error {
  override readonly name = 'ToolFailure';

  constructor(
    readonly code: 'NO_SESSION' | 'INVALID_INPUT' | 'NOT_FOUND',
    message: string,
  ) {
    super(message);
  }
}
