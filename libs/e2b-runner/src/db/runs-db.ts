import type { Kysely } from 'kysely';
import type { CoreSessionsTables } from '@parallel-cc/core-sessions';
import type { E2BRunnerTables } from './schema';

/** The coordinator database as e2b-runner queries it: core-sessions' tables and ours. */
export type RunsDb = Kysely<CoreSessionsTables & E2BRunnerTables>;

/**
 * `db` (the coordinator's, or a transaction on it) typed with e2b-runner's table too: Kysely's
 * `withTables`, types only. Sessions are still read through core-sessions' functions, never here.
 */
export function runsDb(db: Kysely<CoreSessionsTables>): RunsDb {
  return db.withTables<E2BRunnerTables>();
}
