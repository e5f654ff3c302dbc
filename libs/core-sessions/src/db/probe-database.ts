import BetterSqlite3 from 'better-sqlite3';
import { databaseTooNew, translateDatabaseError } from './database-failure';
import type { DatabaseFailureContext } from './database-failure';
import { isLegacyDatabase } from './legacy';
import { unknownMigrations } from './migrations';
import type { MigrationSet } from './migrations';

/** What a read-only look at an existing database found before anything writes to it. */
export interface DatabaseProbe {
  /** Written by the earlier single-package parallel-cc. */
  legacy: boolean;
}

/**
 * Looks at an existing database through a read-only connection, so that nothing is written to a
 * database that must not be: a corrupt one fails with `DATABASE_CORRUPT`, one migrated by a newer
 * parallel-cc (its migration tables name migrations `sets` do not list) with `DATABASE_TOO_NEW`.
 * A read-only connection also never checkpoints a WAL file left beside a legacy database.
 */
export function probeDatabase(file: string, sets: MigrationSet[], context: DatabaseFailureContext): DatabaseProbe {
  let raw: BetterSqlite3.Database | undefined;
  try {
    raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: context.busyTimeoutMs });
    if (isLegacyDatabase(raw)) return { legacy: true };
    const db = raw;
    const unknown = sets.map((set) => ({ lib: set.lib, migrations: unknownMigrations(db, set) })).filter((u) => u.migrations.length > 0);
    if (unknown.length > 0) throw databaseTooNew(file, unknown);
    return { legacy: false };
  } catch (error) {
    throw translateDatabaseError(error, context);
  } finally {
    raw?.close();
  }
}
