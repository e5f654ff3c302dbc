/** Stable codes of {@link SandboxError}; never renamed or reused. */
export type SandboxErrorCode =
  // Sandboxes (either provider).
  | 'AUTH_MISSING'
  | 'AUTH_FAILED'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'NOT_FOUND'
  | 'PATH_OUTSIDE_SANDBOX'
  | 'PROVIDER_FAILED'
  // Upload.
  | 'NOT_A_REPOSITORY'
  | 'EMPTY_REPOSITORY'
  | 'GIT_FAILED'
  | 'PACK_FAILED'
  // The sandbox_runs table.
  | 'INVALID_INPUT'
  | 'SESSION_NOT_FOUND'
  | 'RUN_IN_MAIN_CHECKOUT'
  | 'PROCESS_NOT_RUNNING'
  | 'RUN_NOT_FOUND'
  | 'INVALID_TRANSITION'
  // Bringing a result back.
  | 'RESULT_CONFLICT'
  | 'NOT_FAST_FORWARD';

/** A failure of the sandbox runner, with a stable `code` and details in `data`. */
export class SandboxError extends Error {
  override readonly name = 'SandboxError';

  constructor(
    readonly code: SandboxErrorCode,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
