import type { SessionsTable } from '../db/schema';
import { isProcessAlive } from './process-start';

/** What `status` shows: live, idle (live, silent 10 min), stale (dead, not cleaned) or kept (dead, work kept). */
export type SessionState = 'live' | 'idle' | 'stale' | 'kept';

/** After this long without a heartbeat a live session is shown idle. */
export const IDLE_AFTER_MS = 10 * 60 * 1000;

/** Whether any of the session's processes (the wrapper or its agent) is still the one registered. */
export function isSessionAlive(row: Pick<SessionsTable, 'pid' | 'pid_started' | 'agent_pid' | 'agent_started'>): boolean {
  return isProcessAlive(row.pid, row.pid_started) || isProcessAlive(row.agent_pid, row.agent_started);
}

/** The state of a session row at `now`. */
export function sessionState(row: SessionsTable, now: Date = new Date(), alive = isSessionAlive(row)): SessionState {
  if (row.status === 'kept') return 'kept';
  if (!alive) return 'stale';
  const silentFor = now.getTime() - Date.parse(row.last_heartbeat);
  return silentFor > IDLE_AFTER_MS ? 'idle' : 'live';
}
