import type { Kysely } from 'kysely';
import type { CoreSessionsTables, SessionsTable } from '../db/schema';

type Db = Kysely<CoreSessionsTables>;

/** All session rows of a repository's main checkout path, oldest first. */
export function sessionsOfRepo(db: Db, repoPath: string): Promise<SessionsTable[]> {
  return db.selectFrom('sessions').selectAll().where('repo_path', '=', repoPath).orderBy('created_at').execute();
}

/** Every session row, oldest first. */
export function allSessions(db: Db): Promise<SessionsTable[]> {
  return db.selectFrom('sessions').selectAll().orderBy('repo_path').orderBy('created_at').execute();
}

/** Sessions whose wrapper or agent has process id `pid`, newest first. */
export function sessionsByPid(db: Db, pid: number): Promise<SessionsTable[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where((eb) => eb.or([eb('pid', '=', pid), eb('agent_pid', '=', pid)]))
    .orderBy('created_at', 'desc')
    .execute();
}
