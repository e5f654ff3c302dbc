import type { Kysely, Transaction } from 'kysely';
import { ConflictEngineError } from '../errors';
import { kyselyRuntime } from './kysely-runtime';
import { conflictEngineMigrations } from './migrations';
import { writeTransaction } from './write-transaction';

/**
 * Creates or updates conflict-engine's tables in `db` (SQLite) for use without parallel-cc's
 * coordinator; returns the names of the migrations it applied. It runs inside one immediate
 * transaction, so processes migrating one new database at once take turns.
 */
export async function migrateHistory<DB>(db: Kysely<DB> | Transaction<DB>): Promise<string[]> {
  const { Migrator } = kyselyRuntime();
  const { lib, table, migrations } = conflictEngineMigrations;
  return writeTransaction(db, async (conn) => {
    const migrator = new Migrator({
      db: conn,
      provider: { getMigrations: async () => migrations },
      migrationTableName: table,
      migrationLockTableName: `${table}_lock`,
      disableTransactions: true,
    });
    const { error, results = [] } = await migrator.migrateToLatest();
    if (error) {
      const failed = results.find((r) => r.status === 'Error')?.migrationName;
      const cause = error instanceof Error ? error.message : String(error);
      throw new ConflictEngineError('HISTORY_FAILED', `Migrating ${lib}'s tables failed${failed ? ` at ${failed}` : ''}: ${cause}`, {
        migration: failed,
        cause,
      });
    }
    return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  });
}
