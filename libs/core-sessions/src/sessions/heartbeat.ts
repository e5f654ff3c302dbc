import { sql } from 'kysely';
import type { Coordinator } from '../db/open-database';
import { SessionError } from '../errors';
import { parseSelector } from './inputs';
import type { SessionSelector } from './inputs';

/**
 * Records that the session named by PID or id is working now, and moves each of its file claims'
 * expiry to its TTL from now; returns the ids touched.
 */
export async function heartbeat(coordinator: Coordinator, selector: SessionSelector, now = new Date()): Promise<string[]> {
  const which = parseSelector(selector);
  let update = coordinator.db
    .updateTable('sessions')
    .set({ last_heartbeat: now.toISOString() })
    .where('status', 'in', ['active', 'registering']);
  update =
    'pid' in which
      ? update.where((eb) => eb.or([eb('pid', '=', which.pid), eb('agent_pid', '=', which.pid)]))
      : update.where('id', '=', which.sessionId);
  const rows = await update.returning('id').execute();
  if (rows.length === 0) {
    const named = 'pid' in which ? `PID ${which.pid}` : `id ${which.sessionId}`;
    throw new SessionError('SESSION_NOT_FOUND', `No active session with ${named} is registered.`, { ...which });
  }
  const ids = rows.map((r) => r.id);
  // The hot path: one statement, computing each claim's expiry from its own TTL in SQL.
  await coordinator.db
    .updateTable('file_claims')
    .set({ expires_at: sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${now.toISOString()}, '+' || ttl_seconds || ' seconds')` })
    .where('session_id', 'in', ids)
    .execute();
  return ids;
}
