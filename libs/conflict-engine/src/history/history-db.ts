import type { Kysely } from 'kysely';
import type { ConflictEngineTables } from './schema';

/**
 * A Kysely database, or a transaction on one, typed by conflict-engine's tables. A database that
 * holds other tables too hands over a view typed by these alone: Kysely's database type is
 * invariant, so a wider one is not accepted as it is (parallel-cc's coordinator gives
 * `coordinator.tables<ConflictEngineTables>()`; any `Kysely<object>` gives `withTables<ConflictEngineTables>()`).
 */
export type HistoryDatabase = Kysely<ConflictEngineTables>;
