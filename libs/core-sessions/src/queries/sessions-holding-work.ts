import type { Kysely } from 'kysely';
import type { CoreSessionsTables, SessionsTable } from '../db/schema';
import { isSessionAlive } from '../liveness/session-state';

/**
 * The session rows of the repository at `repoPath` that still stand for work: live sessions, and
 * dead ones whose worktree was kept (their branch may still be merged). One query.
 */
export async function sessionsHoldingWork(db: Kysely<CoreSessionsTables>, repoPath: string): Promise<SessionsTable[]> {
  const rows = await db.selectFrom('sessions').selectAll().where('repo_path', '=', repoPath).execute();
  return rows.filter((row) => row.status === 'kept' || ((row.status === 'active' || row.status === 'registering') && isSessionAlive(row)));
}
