import * as fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Database as Sqlite } from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { SessionError } from '../errors';
import { busyTimeoutMs } from './busy-timeout';
import { coreSessionsMigrations } from './core-migrations';
import { translateDatabaseError } from './database-failure';
import type { DatabaseFailureContext } from './database-failure';
import { ensureDatabaseFolder } from './database-folder';
import { guardDatabase } from './guarded-database';
import { runMigrations } from './migrations';
import type { MigrationSet, MigrationSetResult } from './migrations';
import { databasePath } from './paths';
import { probeDatabase } from './probe-database';
import type { CoreSessionsTables } from './schema';
import { switchToWal } from './wal-mode';

export { BUSY_TIMEOUT_MS } from './busy-timeout';

/** Any lib's tables as Kysely types them: table name → row type (declare them with `type`, not `interface`). */
export type TableTypes = Record<string, object>;

/** An open coordinator database: Kysely for queries, the raw handle for pragmas. */
export interface Coordinator {
  /** core-sessions' tables; other libs reach theirs with {@link Coordinator.tables} or Kysely's `withTables`. */
  db: Kysely<CoreSessionsTables>;
  /**
   * The same database (the same connection) typed by the tables `T` alone: how a lib that does not
   * build on core-sessions (conflict-engine) gets the Kysely its functions take. Types only; the
   * tables exist when that lib's migration set was passed to {@link openCoordinator}. Kysely's
   * database type is invariant, so a wider view cannot be narrowed: views are made from an untyped one.
   */
  tables<T extends TableTypes>(): Kysely<T>;
  raw: Sqlite;
  path: string;
  /** What the opening migrated (empty lists when nothing was pending). */
  migrated: MigrationSetResult[];
  close(): Promise<void>;
}

/** Options for {@link openCoordinator}. */
export interface OpenOptions {
  env?: NodeJS.ProcessEnv;
  /** An explicit database file instead of `$PARALLEL_CC_HOME/coordinator.db`. */
  path?: string;
  /** Every lib's migrations to run on first use; core-sessions' always run first. */
  migrations?: MigrationSet[];
}

/**
 * Opens (creating if needed) the coordinator database with WAL, a busy timeout and foreign keys,
 * and runs pending migrations. A database of the earlier single-package parallel-cc is never
 * written: opening it fails with `LEGACY_DATABASE` until `parallel-cc update` moves it aside.
 * Failures are {@link SessionError}s: `DATABASE_UNAVAILABLE` (the folder or file cannot be made or
 * written), `DATABASE_CORRUPT`, `DATABASE_TOO_NEW` (migrated by a newer parallel-cc; checked
 * before anything is written), and `DATABASE_BUSY` from here and from every query made through
 * the returned `db` when another process holds the lock for longer than the busy timeout.
 */
export async function openCoordinator(options: OpenOptions = {}): Promise<Coordinator> {
  const file = options.path ?? databasePath(options.env);
  const failure: DatabaseFailureContext = { file, busyTimeoutMs: busyTimeoutMs(options.env) };
  const sets = [coreSessionsMigrations, ...(options.migrations ?? []).filter((s) => s !== coreSessionsMigrations)];
  ensureDatabaseFolder(file);
  if (fs.existsSync(file) && probeDatabase(file, sets, failure).legacy) {
    throw new SessionError(
      'LEGACY_DATABASE',
      `${file} was written by an earlier parallel-cc; run \`parallel-cc update\` to move it aside and import it.`,
      { path: file },
    );
  }
  let raw: Sqlite;
  try {
    raw = new BetterSqlite3(file, { timeout: failure.busyTimeoutMs });
  } catch (error) {
    throw translateDatabaseError(error, failure);
  }
  try {
    raw.pragma(`busy_timeout = ${failure.busyTimeoutMs}`);
    await switchToWal(raw, failure.busyTimeoutMs);
    raw.pragma('foreign_keys = ON');
    raw.pragma('synchronous = NORMAL');
    const handle = raw;
    const untyped = new Kysely<object>({ dialect: new SqliteDialect({ database: guardDatabase(handle, (e) => translateDatabaseError(e, failure)) }) });
    const migrated = await runMigrations(untyped, raw, sets);
    return {
      db: untyped.withTables<CoreSessionsTables>(),
      tables: <T extends TableTypes>() => untyped.withTables<T>(),
      raw,
      path: file,
      migrated,
      close: () => untyped.destroy(),
    };
  } catch (error) {
    raw.close();
    throw translateDatabaseError(error, failure);
  }
}
