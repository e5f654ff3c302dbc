import * as fs from 'node:fs';
import { busyTimeoutMs } from './busy-timeout';
import { coreSessionsMigrations } from './core-migrations';
import { legacyBackupPath } from './legacy';
import { legacyLeftovers } from './legacy-rows';
import type { LegacyLeftovers } from './legacy-rows';
import type { MigrationSet, MigrationSetResult } from './migrations';
import { openCoordinator } from './open-database';
import { databasePath } from './paths';
import { probeDatabase } from './probe-database';

/** What `parallel-cc update` did. */
export interface UpdateReport {
  path: string;
  /** Where a database of the earlier parallel-cc was moved, or null. */
  legacyMovedTo: string | null;
  /** What that database held that is not carried over (null when none was moved). */
  legacyLeft: LegacyLeftovers | null;
  migrated: MigrationSetResult[];
}

/**
 * Brings the database up to date: a database of the earlier single-package parallel-cc is moved
 * aside (`coordinator.v1.db`, with its WAL files) untouched, then every lib's migrations run. A
 * corrupt database or one of a newer parallel-cc is refused before anything is written.
 */
export async function updateDatabase(options: { env?: NodeJS.ProcessEnv; migrations?: MigrationSet[] } = {}): Promise<UpdateReport> {
  const file = databasePath(options.env);
  const sets = [coreSessionsMigrations, ...(options.migrations ?? [])];
  let legacyMovedTo: string | null = null;
  if (fs.existsSync(file) && probeDatabase(file, sets, { file, busyTimeoutMs: busyTimeoutMs(options.env) }).legacy) {
    legacyMovedTo = legacyBackupPath(file);
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, legacyMovedTo + suffix);
    }
  }
  const legacyLeft = legacyMovedTo === null ? null : legacyLeftovers(legacyMovedTo, options.env);
  const coordinator = await openCoordinator({ env: options.env, migrations: options.migrations });
  await coordinator.close();
  return { path: file, legacyMovedTo, legacyLeft, migrated: coordinator.migrated };
}
