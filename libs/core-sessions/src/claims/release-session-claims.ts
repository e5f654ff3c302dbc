import type { Kysely } from 'kysely';
import type { CoreSessionsTables } from '../db/schema';

/** Drops every claim of a session (it ended); returns how many there were. Works inside a transaction too. */
export async function releaseSessionClaims(db: Kysely<CoreSessionsTables>, sessionId: string): Promise<number> {
  const result = await db.deleteFrom('file_claims').where('session_id', '=', sessionId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
