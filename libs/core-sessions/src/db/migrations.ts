import { Migrator } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { Database as Sqlite } from 'better-sqlite3';
import { SessionError } from '../errors';
import { immediateTransaction } from './transaction';

/** One lib's migrations, tracked in that lib's own migration table. */
export interface MigrationSet {
  /** The lib that owns the tables, e.g. `core-sessions`. */
  lib: string;
  /** Its migration table, e.g. `core_sessions_migrations`; never changed once released. */
  table: string;
  /** Migrations by name; names sort in the order they run. */
  migrations: Record<string, Migration>;
}

/** The outcome of migrating one set. */
export interface MigrationSetResult {
  lib: string;
  applied: string[];
}

/** Names of `set`'s migrations that have not run yet in `raw`; cheap enough for every start. */
export function pendingMigrations(raw: Sqlite, set: MigrationSet): string[] {
  const known = Object.keys(set.migrations);
  const exists = raw.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(set.table);
  if (!exists) return known;
  const done = new Set(
    (raw.prepare(`select name from "${set.table}"`).all() as Array<{ name: string }>).map((r) => r.name),
  );
  return known.filter((name) => !done.has(name));
}

/**
 * Names in `set`'s migration table that `set` does not list: migrations of a newer parallel-cc.
 * Empty when the table does not exist yet.
 */
export function unknownMigrations(raw: Sqlite, set: MigrationSet): string[] {
  const exists = raw.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(set.table);
  if (!exists) return [];
  const names = (raw.prepare(`select name from "${set.table}" order by name`).all() as Array<{ name: string }>).map((r) => r.name);
  return names.filter((name) => !Object.prototype.hasOwnProperty.call(set.migrations, name));
}

/**
 * Runs every set's pending migrations. Kysely's SQLite migrator takes no lock, so all sets run
 * inside one immediate transaction: when many processes open a new database at once, one
 * migrates and the others wait, then find nothing to do.
 */
export async function runMigrations(db: Kysely<object>, raw: Sqlite, sets: MigrationSet[]): Promise<MigrationSetResult[]> {
  if (sets.every((set) => pendingMigrations(raw, set).length === 0)) {
    return sets.map((set) => ({ lib: set.lib, applied: [] }));
  }
  return immediateTransaction(db, async (conn) => {
    const results: MigrationSetResult[] = [];
    for (const set of sets) {
      const migrator = new Migrator({
        db: conn,
        provider: { getMigrations: async () => set.migrations },
        migrationTableName: set.table,
        migrationLockTableName: `${set.table}_lock`,
        disableTransactions: true,
      });
      const { error, results: steps = [] } = await migrator.migrateToLatest();
      if (error) {
        // A locked or corrupt database is not a broken migration: report it as it is.
        if (error instanceof SessionError) throw error;
        const failed = steps.find((s) => s.status === 'Error')?.migrationName;
        throw new SessionError(
          'MIGRATION_FAILED',
          `Migrating ${set.lib}'s tables failed${failed ? ` at ${failed}` : ''}: ${error instanceof Error ? error.message : String(error)}`,
          { lib: set.lib, migration: failed },
        );
      }
      results.push({ lib: set.lib, applied: steps.filter((s) => s.status === 'Success').map((s) => s.migrationName) });
    }
    return results;
  });
}
