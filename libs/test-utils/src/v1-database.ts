import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** Rows for a database of the earlier single-package parallel-cc (columns as it named them). */
export interface V1Rows {
  sessions?: Array<Record<string, string | number | null>>;
  mergeEvents?: Array<Record<string, string | number | null>>;
  subscriptions?: Array<Record<string, string | number | null>>;
  fileClaims?: Array<Record<string, string | number | null>>;
}

// The v1 schema: the reference's "Database Schema" and its E2B extensions. v0.5's file_claims
// columns are not listed there; this table has the ones a claim needs.
const V1_SCHEMA = `
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY, pid INTEGER NOT NULL, repo_path TEXT NOT NULL, worktree_path TEXT NOT NULL,
    worktree_name TEXT, is_main_repo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (datetime('now')), last_heartbeat TEXT NOT NULL DEFAULT (datetime('now'))
  );
  CREATE TABLE merge_events (
    id TEXT PRIMARY KEY, repo_path TEXT NOT NULL, branch_name TEXT NOT NULL, source_commit TEXT NOT NULL,
    target_branch TEXT NOT NULL DEFAULT 'main', target_commit TEXT NOT NULL,
    merged_at TEXT NOT NULL DEFAULT (datetime('now')), detected_at TEXT NOT NULL DEFAULT (datetime('now')),
    notification_sent INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE subscriptions (
    id TEXT PRIMARY KEY, session_id TEXT NOT NULL, repo_path TEXT NOT NULL, branch_name TEXT NOT NULL,
    target_branch TEXT NOT NULL DEFAULT 'main', created_at TEXT NOT NULL DEFAULT (datetime('now')), notified_at TEXT,
    is_active INTEGER NOT NULL DEFAULT 1, FOREIGN KEY (session_id) REFERENCES sessions(id) ON DELETE CASCADE
  );
  CREATE TABLE file_claims (
    id TEXT PRIMARY KEY, session_id TEXT NOT NULL, repo_path TEXT NOT NULL, file_path TEXT NOT NULL,
    claim_mode TEXT NOT NULL, claimed_at TEXT NOT NULL DEFAULT (datetime('now')), expires_at TEXT NOT NULL
  );
  CREATE INDEX idx_sessions_repo ON sessions(repo_path);
  CREATE INDEX idx_sessions_pid ON sessions(pid);
  CREATE INDEX idx_sessions_heartbeat ON sessions(last_heartbeat);
  CREATE INDEX idx_merge_events_repo ON merge_events(repo_path);
  CREATE INDEX idx_merge_events_branch ON merge_events(branch_name);
  CREATE INDEX idx_subscriptions_session ON subscriptions(session_id);
  CREATE INDEX idx_subscriptions_active ON subscriptions(is_active);
  ALTER TABLE sessions ADD COLUMN execution_mode TEXT DEFAULT 'local';
  ALTER TABLE sessions ADD COLUMN sandbox_id TEXT;
  ALTER TABLE sessions ADD COLUMN prompt TEXT;
  ALTER TABLE sessions ADD COLUMN status TEXT DEFAULT 'active';
  ALTER TABLE sessions ADD COLUMN output_log TEXT;
`;

function insertAll(db: BetterSqlite3.Database, table: string, rows: Array<Record<string, unknown>> = []): void {
  for (const row of rows) {
    const columns = Object.keys(row);
    db.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
  }
}

/**
 * Writes `file` as the earlier single-package parallel-cc did (its v1.0 schema, WAL mode) with
 * `rows`. With `unflushed`, those rows are written by a process that is then killed, as a v1
 * process that died would leave them: still in the `-wal` file, not yet in the database file.
 */
export function writeV1Database(file: string, rows: V1Rows = {}, options: { unflushed?: V1Rows } = {}): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.exec(V1_SCHEMA);
  insertAll(db, 'sessions', rows.sessions);
  insertAll(db, 'merge_events', rows.mergeEvents);
  insertAll(db, 'subscriptions', rows.subscriptions);
  insertAll(db, 'file_claims', rows.fileClaims);
  db.close();
  if (!options.unflushed) return;
  const script = `
    const Database = require(process.argv[1]);
    const rows = JSON.parse(process.argv[3]);
    const db = new Database(process.argv[2]);
    db.pragma('wal_autocheckpoint = 0');
    for (const [table, list] of Object.entries(rows)) {
      for (const row of list) {
        const cols = Object.keys(row);
        db.prepare('insert into ' + table + ' (' + cols.join(', ') + ') values (' + cols.map((c) => '@' + c).join(', ') + ')').run(row);
      }
    }
    process.kill(process.pid, 'SIGKILL');
  `;
  const tables = {
    sessions: options.unflushed.sessions ?? [],
    merge_events: options.unflushed.mergeEvents ?? [],
    subscriptions: options.unflushed.subscriptions ?? [],
    file_claims: options.unflushed.fileClaims ?? [],
  };
  const result = spawnSync(process.execPath, ['-e', script, require.resolve('better-sqlite3'), file, JSON.stringify(tables)], { encoding: 'utf8' });
  if (result.signal !== 'SIGKILL') throw new Error(`writing the unflushed v1 rows failed: ${result.stderr}`);
}
