import { SessionError } from '../errors';
import { sqliteUnavailable } from './native-sqlite';

/** What a failure message needs to know about the database it concerns. */
export interface DatabaseFailureContext {
  file: string;
  busyTimeoutMs: number;
}

// SQLite's result codes (better-sqlite3 puts them in `error.code`, extended codes included).
const UNAVAILABLE_CODES = ['SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_PERM', 'SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_NOLFS', 'SQLITE_AUTH'];

/**
 * Turns SQLite's and the file system's failures on the coordinator database into a
 * {@link SessionError} a user can act on (`DATABASE_BUSY`, `DATABASE_CORRUPT`,
 * `DATABASE_UNAVAILABLE`, and `SQLITE_UNAVAILABLE` when better-sqlite3's native module does not
 * load); anything else is returned unchanged. The one place that knows these codes.
 */
export function translateDatabaseError(error: unknown, context: DatabaseFailureContext): unknown {
  // Checked by shape, not `instanceof Error`: better-sqlite3's native part keeps the error class of
  // the first realm that loaded it (under jest, each test file is a realm of its own).
  if (error instanceof SessionError || typeof error !== 'object' || error === null) return error;
  const notLoaded = sqliteUnavailable(error);
  if (notLoaded) return notLoaded;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return error;
  const text = typeof message === 'string' ? message : code;
  if (isSqliteBusy(error)) return databaseBusy(context);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return databaseCorrupt(context.file, text);
  if (UNAVAILABLE_CODES.some((c) => code === c || code.startsWith(`${c}_`))) {
    return databaseUnavailable(context.file, describeSqliteCause(code, text), code);
  }
  return error;
}

/** Whether `error` is SQLite's SQLITE_BUSY (extended codes included): another connection holds a lock. */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** `DATABASE_BUSY`: another process held the lock for longer than the busy timeout. */
export function databaseBusy(context: DatabaseFailureContext): SessionError {
  return new SessionError(
    'DATABASE_BUSY',
    `The database ${context.file} is locked by another process (waited ${context.busyTimeoutMs} ms); nothing was changed. ` +
      'Retry when that process has finished (PARALLEL_CC_BUSY_TIMEOUT_MS sets how long to wait).',
    { path: context.file, busyTimeoutMs: context.busyTimeoutMs },
  );
}

/** `DATABASE_CORRUPT`: SQLite found the file is not a sound database. */
export function databaseCorrupt(file: string, cause: string): SessionError {
  return new SessionError(
    'DATABASE_CORRUPT',
    `The database ${file} is corrupt (${cause}). Run \`parallel-cc doctor --repair\` to move it aside ` +
      `(as coordinator.corrupt-<time>.db beside it) and start a fresh one.`,
    { path: file, cause },
  );
}

/** `DATABASE_UNAVAILABLE`: the database or its folder cannot be created, opened or written. */
export function databaseUnavailable(target: string, cause: string, code?: string): SessionError {
  return new SessionError(
    'DATABASE_UNAVAILABLE',
    `Cannot use ${target}: ${cause}. Point PARALLEL_CC_HOME at a folder you can write, or fix the permissions of this one.`,
    { path: target, cause, ...(code ? { code } : {}) },
  );
}

/** The file system's reason a folder could not be made, in words. */
export function describeFsCause(error: unknown): { cause: string; code?: string } {
  const code = (error as { code?: unknown } | null)?.code;
  const known: Record<string, string> = {
    ENOTDIR: 'a part of that path is a file, not a folder',
    EEXIST: 'a file is in the way where the folder should be',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full',
  };
  if (typeof code === 'string' && known[code]) return { cause: `${known[code]} (${code})`, code };
  const message = (error as { message?: unknown } | null)?.message;
  return { cause: typeof message === 'string' ? message : String(error), ...(typeof code === 'string' ? { code } : {}) };
}

function describeSqliteCause(code: string, message: string): string {
  if (code.startsWith('SQLITE_CANTOPEN')) return `the file cannot be created or opened (${message}; is its folder writable?)`;
  if (code.startsWith('SQLITE_READONLY')) return `it cannot be written (${message}; check the permissions of the file and of its folder)`;
  if (code.startsWith('SQLITE_FULL')) return `the disk is full (${message})`;
  return `${message} (${code})`;
}

/** Migrations a database has run that this build does not know, per lib. */
export interface UnknownMigrations {
  lib: string;
  migrations: string[];
}

/** `DATABASE_TOO_NEW`: a newer parallel-cc has migrated the database past what this build knows. */
export function databaseTooNew(file: string, unknown: UnknownMigrations[]): SessionError {
  const listed = unknown.map((u) => `${u.lib}: ${u.migrations.join(', ')}`).join('; ');
  return new SessionError(
    'DATABASE_TOO_NEW',
    `The database ${file} was written by a newer parallel-cc: it has migrations this version does not know (${listed}). ` +
      'Upgrade parallel-cc (npm install -g @parallel-cc/cli) to use it; nothing was changed.',
    { path: file, unknown },
  );
}
