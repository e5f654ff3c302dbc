import BetterSqlite3 from 'better-sqlite3';
import { SessionError } from '../errors';
import { busyTimeoutMs } from './busy-timeout';
import { translateDatabaseError } from './database-failure';

/**
 * Why SQLite finds the existing database `file` corrupt (unreadable, or `PRAGMA quick_check`
 * failing), or null when it is sound. Read-only; it reads every page, so it is for `doctor`, not
 * for every command.
 */
export function corruptionOf(file: string, env?: NodeJS.ProcessEnv): string | null {
  const failure = { file, busyTimeoutMs: busyTimeoutMs(env) };
  let raw: BetterSqlite3.Database | undefined;
  try {
    raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: failure.busyTimeoutMs });
    const rows = raw.pragma('quick_check') as Array<{ quick_check: string }>;
    const problems = rows.map((r) => r.quick_check).filter((text) => text !== 'ok');
    return problems.length === 0 ? null : problems.slice(0, 3).join('; ');
  } catch (error) {
    const translated = translateDatabaseError(error, failure);
    if (translated instanceof SessionError && translated.code === 'DATABASE_CORRUPT') return String(translated.data.cause);
    throw translated;
  } finally {
    raw?.close();
  }
}
