import * as fs from 'node:fs';
import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database as Sqlite } from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { SessionError } from '../errors';
import { coreSessionsMigrations } from './core-migrations';
import { isLegacyDatabase } from './legacy';
import { runMigrations } from './migrations';
import type { MigrationSet, MigrationSetResult } from './migrations';
import { databasePath } from './paths';
import type { CoreSessionsTables } from './schema';

/** How long a write waits for another process's lock before failing, in milliseconds. */
export const BUSY_TIMEOUT_MS = 15_000;

/** An open coordinator database: Kysely for queries, the raw handle for pragmas. */
export interface Coordinator<DB = CoreSessionsTables> {
  db: Kysely<DB>;
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
 */
export async function openCoordinator<DB = CoreSessionsTables>(options: OpenOptions = {}): Promise<Coordinator<DB>> {
  const file = options.path ?? databasePath(options.env);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const raw = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (isLegacyDatabase(raw)) {
      throw new SessionError(
        'LEGACY_DATABASE',
        `${file} was written by an earlier parallel-cc; run \`parallel-cc update\` to move it aside and import it.`,
        { path: file },
      );
    }
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('synchronous = NORMAL');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
    const sets = [coreSessionsMigrations, ...(options.migrations ?? []).filter((s) => s !== coreSessionsMigrations)];
    const migrated = await runMigrations(db as Kysely<unknown>, raw, sets);
    return { db, raw, path: file, migrated, close: () => db.destroy() };
  } catch (error) {
    raw.close();
    throw error;
  }
}
