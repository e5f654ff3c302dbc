import type { Kysely, Transaction } from 'kysely';
import type { ConflictEngineTables } from './schema';

/**
 * A Kysely database, or a transaction on one, whose tables include conflict-engine's (alone or
 * beside another lib's). `Transaction` is named only so that TypeScript infers `DB` from one.
 */
export type HistoryDatabase<DB extends ConflictEngineTables = ConflictEngineTables> = Kysely<DB> | Transaction<DB>;

/**
 * `db` typed by conflict-engine's tables only. Kysely's database type is invariant, so a wider
 * set of tables does not narrow by itself; the tables used here are all there.
 */
export function historyDb<DB extends ConflictEngineTables>(db: HistoryDatabase<DB>): Kysely<ConflictEngineTables> {
  return db as unknown as Kysely<ConflictEngineTables>;
}
