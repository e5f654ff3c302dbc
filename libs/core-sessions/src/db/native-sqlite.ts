import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SessionError } from '../errors';

/** What failed when better-sqlite3's native module would not load, and what to do about it. */
export interface SqliteLoadFailure {
  detail: string;
  fix: string;
}

/** Whether `error` is better-sqlite3 failing to load its native module (rather than SQLite failing). */
export function isSqliteLoadError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'ERR_DLOPEN_FAILED' || (typeof message === 'string' && message.includes('better_sqlite3.node'));
}

/**
 * Explains a native-module load failure: never built (no prebuilt binary could be downloaded and
 * no build from source happened), built for another Node.js, or not loadable on this system;
 * and how to build it here.
 */
export function describeSqliteLoadFailure(error: unknown, nodeVersion = process.version): SqliteLoadFailure {
  const message = String((error as { message?: unknown } | null)?.message ?? error);
  const firstLine = message.split('\n')[0] ?? message;
  const project = projectHolding(message);
  const abi = /NODE_MODULE_VERSION (\d+)[\s\S]*NODE_MODULE_VERSION (\d+)/.exec(message);
  const detail = message.startsWith('Could not locate the bindings file')
    ? `better-sqlite3's native module (better_sqlite3.node) is missing: when it was installed, no prebuilt binary for Node.js ${nodeVersion} was downloaded and building it from source did not happen or failed`
    : abi
      ? `better-sqlite3's native module was built for another Node.js (NODE_MODULE_VERSION ${abi[1]}; Node.js ${nodeVersion} needs ${abi[2]})`
      : `better-sqlite3's native module could not be loaded: ${firstLine}`;
  const where = project === null ? '' : `cd ${/^[\w./@+-]+$/.test(project) ? project : `'${project.replace(/'/g, `'\\''`)}'`} && `;
  return {
    detail,
    fix:
      `${where}npm rebuild better-sqlite3; with no prebuilt binary to download it builds from source, which needs python3, ` +
      'make, a C++ compiler and the Node.js headers (`npm config set nodedir <folder of the Node.js headers>` when they cannot be downloaded)',
  };
}

/** `SQLITE_UNAVAILABLE` for a native-module load failure (null for any other error). */
export function sqliteUnavailable(error: unknown): SessionError | null {
  if (!isSqliteLoadError(error)) return null;
  const { detail, fix } = describeSqliteLoadFailure(error);
  return new SessionError('SQLITE_UNAVAILABLE', `${detail}. To fix it: ${fix}. \`parallel-cc doctor\` checks it.`, { detail, fix });
}

/** Why SQLite cannot be used here (null when it can): better-sqlite3's native module is loaded once to find out. */
export function sqliteLoadProblem(): SqliteLoadFailure | null {
  try {
    new BetterSqlite3(':memory:').close();
    return null;
  } catch (error) {
    return describeSqliteLoadFailure(error);
  }
}

// The folder whose node_modules holds the better-sqlite3 named in the error: where `npm rebuild` runs.
function projectHolding(message: string): string | null {
  const match = /(\/[^'"\n]*?)\/node_modules\/better-sqlite3\//.exec(message);
  return match?.[1] ? path.normalize(match[1]) : null;
}
