import type { Kysely } from 'kysely';
import { kyselyRuntime } from './kysely-runtime';

/**
 * Runs `fn` in a SQLite `BEGIN IMMEDIATE` transaction on one connection: the write lock is taken
 * before anything is read, so read-then-write work cannot race another process. Inside a
 * transaction the caller already holds, `fn` simply joins it.
 */
export async function writeTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  const { sql } = kyselyRuntime();
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
