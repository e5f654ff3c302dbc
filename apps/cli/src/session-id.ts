import type { Coordinator, SessionSelector } from '@parallel-cc/core-sessions';

/**
 * The whole session id of what a user typed: the id itself, or the short id `status` prints (any
 * unique prefix of 4 or more hex characters); see core-sessions' `resolveSessionId` for the errors.
 */
export async function wholeSessionId(coordinator: Coordinator, text: string, what?: string): Promise<string> {
  const { resolveSessionId } = await import('@parallel-cc/core-sessions');
  return resolveSessionId(coordinator.db, text, what === undefined ? {} : { what });
}

/** A session selector whose session id is made whole (see {@link wholeSessionId}); a PID stays as it is. */
export async function wholeSelector(coordinator: Coordinator, selector: SessionSelector): Promise<SessionSelector> {
  return 'sessionId' in selector ? { sessionId: await wholeSessionId(coordinator, selector.sessionId) } : selector;
}
