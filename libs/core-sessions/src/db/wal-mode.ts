import { setTimeout as sleep } from 'node:timers/promises';
import type { Database as Sqlite } from 'better-sqlite3';
import { isSqliteBusy } from './database-failure';

const RETRY_PAUSE_MS = 20;

/**
 * Switches the database to WAL, waiting up to `busyTimeoutMs` for another process that is doing
 * the same. On a new database (still in rollback-journal mode) the switch upgrades a read to a
 * write; while another process holds the write lock, SQLite refuses that at once with
 * SQLITE_BUSY instead of calling its busy handler, so the wait happens here. Once the file is in
 * WAL mode the switch only reads, and this never happens.
 */
export async function switchToWal(raw: Sqlite, busyTimeoutMs: number): Promise<void> {
  const deadline = Date.now() + busyTimeoutMs;
  for (;;) {
    try {
      raw.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!isSqliteBusy(error) || Date.now() >= deadline) throw error;
      await sleep(RETRY_PAUSE_MS);
    }
  }
}
