/** Stable codes of {@link WatchServiceError}; never renamed or reused. */
export type WatchServiceErrorCode = 'WATCHER_RUNNING';

/** A failure of the watcher service (another watcher holds the home), with a stable `code` and details in `data`. */
export class WatchServiceError extends Error {
  override readonly name = 'WatchServiceError';

  constructor(
    readonly code: WatchServiceErrorCode,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
