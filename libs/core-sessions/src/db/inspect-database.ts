import * as fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { coreSessionsMigrations } from './core-migrations';
import { corruptionOf } from './corruption';
import { isLegacyDatabase } from './legacy';
import { pendingMigrations, unknownMigrations } from './migrations';
import type { MigrationSet } from './migrations';
import { databasePath } from './paths';
import type { SessionsTable } from './schema';
import { sessionState } from '../liveness/session-state';
import type { SessionState } from '../liveness/session-state';

/** The database as `doctor` reports it, read without writing anything. */
export interface DatabaseInspection {
  path: string;
  exists: boolean;
  /** Written by the earlier single-package parallel-cc (run `parallel-cc update`). */
  legacy: boolean;
  /** SQLite finds it corrupt: `problem` says why (`parallel-cc doctor --repair` moves it aside). */
  corrupt: boolean;
  problem: string | null;
  /** Per lib: how many migrations ran, which are pending, and which a newer parallel-cc ran (`unknown`). */
  schema: Array<{ lib: string; applied: number; pending: string[]; unknown: string[] }>;
  /** How many sessions are in each state (all zero before the database exists). */
  sessions: Record<SessionState, number>;
  error: string | null;
}

/** Looks at the database read-only: whether it exists, is legacy, and which migrations are pending. */
export function inspectDatabase(options: { env?: NodeJS.ProcessEnv; migrations?: MigrationSet[] } = {}): DatabaseInspection {
  const file = databasePath(options.env);
  const sets = [coreSessionsMigrations, ...(options.migrations ?? []).filter((s) => s !== coreSessionsMigrations)];
  const sessions = { live: 0, idle: 0, stale: 0, kept: 0 };
  const report: DatabaseInspection = {
    path: file,
    exists: fs.existsSync(file),
    legacy: false,
    corrupt: false,
    problem: null,
    schema: [],
    sessions,
    error: null,
  };
  if (!report.exists) {
    report.schema = sets.map((s) => ({ lib: s.lib, applied: 0, pending: Object.keys(s.migrations), unknown: [] }));
    return report;
  }
  try {
    report.problem = corruptionOf(file, options.env);
  } catch (error) {
    report.error = (error as Error).message;
    return report;
  }
  if (report.problem !== null) {
    report.corrupt = true;
    return report;
  }
  let raw: BetterSqlite3.Database | undefined;
  try {
    raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    report.legacy = isLegacyDatabase(raw);
    report.schema = sets.map((s) => {
      const pending = pendingMigrations(raw as BetterSqlite3.Database, s);
      const unknown = report.legacy ? [] : unknownMigrations(raw as BetterSqlite3.Database, s);
      return { lib: s.lib, applied: Object.keys(s.migrations).length - pending.length, pending, unknown };
    });
    if (!report.legacy && pendingMigrations(raw, coreSessionsMigrations).length < Object.keys(coreSessionsMigrations.migrations).length) {
      for (const row of raw.prepare('select * from sessions').all() as SessionsTable[]) sessions[sessionState(row)]++;
    }
  } catch (error) {
    report.error = (error as Error).message;
  } finally {
    raw?.close();
  }
  return report;
}
