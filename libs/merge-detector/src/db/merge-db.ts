import type { Kysely } from 'kysely';
import type { CoreSessionsTables } from '@parallel-cc/core-sessions';
import type { MergeDetectorTables } from './schema';

/** The coordinator database as merge-detector queries it: core-sessions' tables and ours. */
export type MergeDb = Kysely<CoreSessionsTables & MergeDetectorTables>;

/**
 * `db` (the coordinator's, or a transaction on it) typed with merge-detector's tables too: Kysely's
 * `withTables`, types only. Sessions are still read through core-sessions' functions, never here.
 */
export function mergeDb(db: Kysely<CoreSessionsTables>): MergeDb {
  return db.withTables<MergeDetectorTables>();
}
