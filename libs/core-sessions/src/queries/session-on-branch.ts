import type { Kysely } from 'kysely';
import type { CoreSessionsTables, SessionsTable } from '../db/schema';

/** A session row (in any state) of the repository at `repoPath` that works on `branch`, if there is one. */
export function sessionOnBranch(db: Kysely<CoreSessionsTables>, repoPath: string, branch: string): Promise<SessionsTable | undefined> {
  return db.selectFrom('sessions').selectAll().where('repo_path', '=', repoPath).where('branch', '=', branch).executeTakeFirst();
}
