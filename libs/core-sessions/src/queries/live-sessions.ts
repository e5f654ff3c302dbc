import type { Kysely } from 'kysely';
import type { CoreSessionsTables, SessionsTable } from '../db/schema';
import { isSessionAlive } from '../liveness/session-state';

/**
 * The live session rows (registered, and a process of theirs still running), of every repository
 * or of the one at `repoPath`. One query; liveness is checked on the rows it returns.
 */
export async function liveSessions(db: Kysely<CoreSessionsTables>, options: { repoPath?: string } = {}): Promise<SessionsTable[]> {
  let query = db.selectFrom('sessions').selectAll();
  if (options.repoPath !== undefined) query = query.where('repo_path', '=', options.repoPath);
  const rows = await query.where('status', 'in', ['active', 'registering']).execute();
  return rows.filter(isSessionAlive);
}
