import * as fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Database as Sqlite } from 'better-sqlite3';
import { databasePath } from '../db/paths';

// An edit waits on the guard: a database locked for longer than this is the guard's failure, not the edit's.
const GUARD_BUSY_TIMEOUT_MS = 2000;

/**
 * The coordinator database as the edit guard opens it on every edit: better-sqlite3 alone (no
 * Kysely, no migrations), or null when there is no database yet (then no session can collide).
 * Its tables are expected in place; a database that lacks them makes the guard's query fail, which
 * the guard logs and ignores.
 */
export function openGuardDatabase(env: NodeJS.ProcessEnv = process.env): Sqlite | null {
  const file = databasePath(env);
  if (!fs.existsSync(file)) return null;
  const raw = new BetterSqlite3(file, { fileMustExist: true, timeout: GUARD_BUSY_TIMEOUT_MS });
  raw.pragma('foreign_keys = ON');
  return raw;
}
