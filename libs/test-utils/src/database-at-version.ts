import * as fs from 'node:fs';
import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, NO_MIGRATIONS, SqliteDialect } from 'kysely';
import type { Migration } from 'kysely';

/** A lib's migrations, shaped as core-sessions' `MigrationSet` (structural: test-utils depends on no lib of ours). */
export interface VersionedMigrations {
  lib: string;
  table: string;
  migrations: Record<string, Migration>;
}

/**
 * Every schema version of `set` before its latest, as `migrateDatabaseTo` targets: `null` (none
 * of its migrations ran) and then the name of each migration but the last.
 */
export function earlierVersions(set: VersionedMigrations): Array<string | null> {
  const names = Object.keys(set.migrations).sort();
  return [null, ...names.slice(0, -1)];
}

/**
 * Migrates the SQLite file `file` (created if missing) with Kysely's `Migrator.migrateTo`, under
 * `set`'s own migration (and lock) table, up to and including `target` (`null`: none): the
 * database an earlier version of ours left behind. Throws when the migrator reports an error.
 */
export async function migrateDatabaseTo(file: string, set: VersionedMigrations, target: string | null): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) });
  try {
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => set.migrations },
      migrationTableName: set.table,
      migrationLockTableName: `${set.table}_lock`,
    });
    const { error } = await migrator.migrateTo(target ?? NO_MIGRATIONS);
    if (error) throw error instanceof Error ? error : new Error(String(error));
  } finally {
    await db.destroy();
  }
}
