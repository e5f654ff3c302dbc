import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Database as Sqlite } from 'better-sqlite3';

/**
 * Whether `raw` was written by the earlier single-package parallel-cc: it has a `sessions`
 * table but none of the per-lib migration tables this version keeps.
 */
export function isLegacyDatabase(raw: Sqlite): boolean {
  const tables = (raw.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map(
    (t) => t.name,
  );
  return tables.includes('sessions') && !tables.some((name) => name.endsWith('_migrations'));
}

/** Where a legacy database is moved aside to: `coordinator.v1.db` beside it (or `.v1.<n>.db` if taken). */
export function legacyBackupPath(dbPath: string): string {
  const dir = path.dirname(dbPath);
  let candidate = path.join(dir, 'coordinator.v1.db');
  for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(dir, `coordinator.v1.${n}.db`);
  return candidate;
}
