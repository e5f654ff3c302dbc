import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Runs `fn` in a `BEGIN IMMEDIATE` transaction on one connection: the write lock is taken before
 * anything is read, so read-then-write work (registration, claims) cannot race other processes.
 * Other processes wait up to the busy timeout.
 */
export async function immediateTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}
