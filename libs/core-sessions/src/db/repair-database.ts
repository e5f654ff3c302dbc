import * as fs from 'node:fs';
import * as path from 'node:path';
import { corruptionOf } from './corruption';
import type { MigrationSet } from './migrations';
import { openCoordinator } from './open-database';
import { databasePath } from './paths';

/** What `parallel-cc doctor --repair` did. */
export interface RepairReport {
  path: string;
  /** True when the database was corrupt, moved aside and replaced by a fresh one. */
  repaired: boolean;
  /** Where the corrupt file (and its -wal and -shm) went, or null. */
  movedTo: string | null;
  /** What SQLite found wrong, or null. */
  problem: string | null;
}

/**
 * Moves a corrupt coordinator database aside, with its WAL files, to
 * `coordinator.corrupt-<UTC time>.db` beside it, and creates a fresh one (every lib's
 * migrations run). A sound database, or none at all, is left exactly as it is.
 */
export async function repairDatabase(
  options: { env?: NodeJS.ProcessEnv; migrations?: MigrationSet[]; now?: Date } = {},
): Promise<RepairReport> {
  const file = databasePath(options.env);
  const problem = fs.existsSync(file) ? corruptionOf(file, options.env) : null;
  if (problem === null) return { path: file, repaired: false, movedTo: null, problem: null };
  const movedTo = corruptBackupPath(file, options.now ?? new Date());
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, movedTo + suffix);
  }
  const coordinator = await openCoordinator({ env: options.env, migrations: options.migrations });
  await coordinator.close();
  return { path: file, repaired: true, movedTo, problem };
}

/** `coordinator.corrupt-<yyyymmddThhmmssZ>.db` beside `file` (with `-2`, `-3`… if taken). */
export function corruptBackupPath(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  const dir = path.dirname(file);
  let candidate = path.join(dir, `coordinator.corrupt-${stamp}.db`);
  for (let n = 2; ['', '-wal', '-shm'].some((s) => fs.existsSync(candidate + s)); n++) {
    candidate = path.join(dir, `coordinator.corrupt-${stamp}-${n}.db`);
  }
  return candidate;
}
