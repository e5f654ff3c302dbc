import type { Kysely } from 'kysely';
import type { CoreSessionsTables, SessionsTable } from '../db/schema';

/** The session row with id `id` (in any state), if there is one; `db` may be a transaction. */
export function sessionById(db: Kysely<CoreSessionsTables>, id: string): Promise<SessionsTable | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}
