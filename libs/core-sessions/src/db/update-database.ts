import * as fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { isLegacyDatabase, legacyBackupPath } from './legacy';
import type { MigrationSet, MigrationSetResult } from './migrations';
import { openCoordinator } from './open-database';
import { databasePath } from './paths';

/** What `parallel-cc update` did. */
export interface UpdateReport {
  path: string;
  /** Where a database of the earlier parallel-cc was moved, or null. */
  legacyMovedTo: string | null;
  migrated: MigrationSetResult[];
}

/**
 * Brings the database up to date: a database of the earlier single-package parallel-cc is moved
 * aside (`coordinator.v1.db`, with its WAL files) untouched, then every lib's migrations run.
 */
export async function updateDatabase(options: { env?: NodeJS.ProcessEnv; migrations?: MigrationSet[] } = {}): Promise<UpdateReport> {
  const file = databasePath(options.env);
  let legacyMovedTo: string | null = null;
  if (fs.existsSync(file)) {
    const probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const legacy = isLegacyDatabase(probe);
    probe.close();
    if (legacy) {
      legacyMovedTo = legacyBackupPath(file);
      for (const suffix of ['', '-wal', '-shm']) {
        if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, legacyMovedTo + suffix);
      }
    }
  }
  const coordinator = await openCoordinator({ env: options.env, migrations: options.migrations });
  await coordinator.close();
  return { path: file, legacyMovedTo, migrated: coordinator.migrated };
}
