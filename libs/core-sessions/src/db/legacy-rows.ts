import * as fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { busyTimeoutMs } from './busy-timeout';
import { translateDatabaseError } from './database-failure';

/**
 * Every row of `table` in a database of the earlier parallel-cc, read through a read-only
 * connection (nothing is ever written to it); no rows when it has no such table. For libs that
 * import what still applies after `updateDatabase` moved it aside.
 */
export function readLegacyRows(legacyFile: string, table: string, env?: NodeJS.ProcessEnv): Array<Record<string, unknown>> {
  const failure = { file: legacyFile, busyTimeoutMs: busyTimeoutMs(env) };
  let raw: BetterSqlite3.Database | undefined;
  try {
    raw = new BetterSqlite3(legacyFile, { readonly: true, fileMustExist: true, timeout: failure.busyTimeoutMs });
    const exists = raw.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table);
    if (!exists) return [];
    return raw.prepare(`select * from "${table.replace(/"/g, '""')}"`).all() as Array<Record<string, unknown>>;
  } catch (error) {
    throw translateDatabaseError(error, failure);
  } finally {
    raw?.close();
  }
}

/** What a moved-aside database of the earlier parallel-cc holds that `update` does not carry over. */
export interface LegacyLeftovers {
  /** Its session rows: their PIDs have no recorded start time, so their liveness cannot be trusted. */
  sessions: number;
  /** Its merge subscriptions (they belong to those sessions). */
  subscriptions: number;
  /** Its file claims (they belong to those sessions). */
  fileClaims: number;
  /** Worktree folders of its sessions that still exist: remove each with `git worktree remove <path>`. */
  worktrees: string[];
}

/** Counts what is left behind in `legacyFile` and lists its sessions' worktrees that still exist. */
export function legacyLeftovers(legacyFile: string, env?: NodeJS.ProcessEnv): LegacyLeftovers {
  const sessions = readLegacyRows(legacyFile, 'sessions', env);
  const worktrees = new Set<string>();
  for (const row of sessions) {
    const worktree = row.worktree_path;
    const inPlace = Number(row.is_main_repo) === 1 || worktree === row.repo_path;
    if (typeof worktree === 'string' && worktree !== '' && !inPlace && fs.existsSync(worktree)) worktrees.add(worktree);
  }
  return {
    sessions: sessions.length,
    subscriptions: readLegacyRows(legacyFile, 'subscriptions', env).length,
    fileClaims: readLegacyRows(legacyFile, 'file_claims', env).length,
    worktrees: [...worktrees].sort(),
  };
}
