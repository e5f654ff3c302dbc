/** The stable codes of {@link DashboardServerError}. */
export type DashboardServerErrorCode = 'INVALID_INPUT' | 'ALREADY_RUNNING' | 'PORT_IN_USE';

/** A failure of the dashboard server, with a stable `code` and the values involved in `data`. */
export class DashboardServerError extends Error {
  constructor(
    readonly code: DashboardServerErrorCode,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DashboardServerError';
  }
}
