import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { makeRepo, makeTempDir, removeTempDirs, writeV1Database as writeFullV1Database } from '@parallel-cc/test-utils';
import { openCoordinator, readLegacyRows, registerSession, sessionStatus, updateDatabase } from '../src';
import { isLegacyDatabase } from '../src/db/legacy';
import { legacyLeftovers } from '../src/db/legacy-rows';
import { CORE_MIGRATIONS, cleanHome, liveProcess, listedWorktrees, sessionErrorOf, stopLiveProcesses } from './support';

afterEach(() => stopLiveProcesses());

afterAll(() => removeTempDirs());

/** Writes a database the way the earlier single-package parallel-cc did, with one session row. */
function writeV1Database(file: string, sessionId = 'v1-session'): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.exec(`
    CREATE TABLE sessions (
      id TEXT PRIMARY KEY,
      pid INTEGER NOT NULL,
      repo_path TEXT NOT NULL,
      worktree_path TEXT NOT NULL,
      worktree_name TEXT,
      is_main_repo INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL DEFAULT (datetime('now')),
      last_heartbeat TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE TABLE merge_events (id TEXT PRIMARY KEY, repo_path TEXT NOT NULL);
    CREATE INDEX idx_sessions_repo ON sessions(repo_path);
  `);
  raw.prepare("insert into sessions (id, pid, repo_path, worktree_path) values (?, 4242, '/old/repo', '/old/repo')").run(sessionId);
  raw.close();
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function tables(file: string): string[] {
  const raw = new BetterSqlite3(file, { readonly: true });
  try {
    return (raw.prepare("select name from sqlite_master where type = 'table' order by name").all() as Array<{ name: string }>).map((t) => t.name);
  } finally {
    raw.close();
  }
}

describe('a database of the earlier parallel-cc', () => {
  it('is detected on open, and opening fails with LEGACY_DATABASE without writing to it', async () => {
    const home = cleanHome();
    const file = path.join(home.pccHome, 'coordinator.db');
    writeV1Database(file);
    const before = sha256(file);

    const error = await sessionErrorOf(openCoordinator({ env: home.env }));
    expect(error.code).toBe('LEGACY_DATABASE');
    expect(error.message).toContain(file);
    expect(error.message).toContain('parallel-cc update');
    expect(error.data).toEqual({ path: file });

    expect(sha256(file)).toBe(before);
    expect(tables(file)).toEqual(['merge_events', 'sessions']);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('updateDatabase moves it aside to coordinator.v1.db, untouched, and creates a fresh database', async () => {
    const home = cleanHome();
    const file = path.join(home.pccHome, 'coordinator.db');
    writeV1Database(file);
    const before = sha256(file);

    const report = await updateDatabase({ env: home.env });
    const moved = path.join(home.pccHome, 'coordinator.v1.db');
    expect(report).toEqual({
      path: file,
      legacyMovedTo: moved,
      legacyLeft: { sessions: 1, subscriptions: 0, fileClaims: 0, worktrees: [] },
      migrated: [{ lib: 'core-sessions', applied: CORE_MIGRATIONS }],
    });
    expect(sha256(moved)).toBe(before);
    const old = new BetterSqlite3(moved, { readonly: true });
    expect(old.prepare('select id from sessions').all()).toEqual([{ id: 'v1-session' }]);
    old.close();

    const coordinator = await openCoordinator({ env: home.env });
    try {
      expect(coordinator.migrated).toEqual([{ lib: 'core-sessions', applied: [] }]);
      expect(coordinator.raw.prepare('select count(*) as n from sessions').get()).toEqual({ n: 0 });
      expect(isLegacyDatabase(coordinator.raw)).toBe(false);
    } finally {
      await coordinator.close();
    }
  });

  it('a second legacy database does not overwrite the first backup', async () => {
    const home = cleanHome();
    const file = path.join(home.pccHome, 'coordinator.db');
    writeV1Database(file, 'first');
    await updateDatabase({ env: home.env });
    fs.rmSync(file);
    fs.rmSync(`${file}-wal`, { force: true });
    fs.rmSync(`${file}-shm`, { force: true });
    writeV1Database(file, 'second');

    const report = await updateDatabase({ env: home.env });
    expect(report.legacyMovedTo).toBe(path.join(home.pccHome, 'coordinator.v1.2.db'));
    const first = new BetterSqlite3(path.join(home.pccHome, 'coordinator.v1.db'), { readonly: true });
    const second = new BetterSqlite3(path.join(home.pccHome, 'coordinator.v1.2.db'), { readonly: true });
    expect(first.prepare('select id from sessions').all()).toEqual([{ id: 'first' }]);
    expect(second.prepare('select id from sessions').all()).toEqual([{ id: 'second' }]);
    first.close();
    second.close();
  });

  it('updateDatabase on a current database only migrates, and on none creates one', async () => {
    const home = cleanHome();
    const created = await updateDatabase({ env: home.env });
    expect(created.legacyMovedTo).toBeNull();
    expect(created.migrated).toEqual([{ lib: 'core-sessions', applied: CORE_MIGRATIONS }]);

    const again = await updateDatabase({ env: home.env });
    expect(again).toEqual({
      path: path.join(home.pccHome, 'coordinator.db'),
      legacyMovedTo: null,
      legacyLeft: null,
      migrated: [{ lib: 'core-sessions', applied: [] }],
    });
    expect(fs.readdirSync(home.pccHome).filter((f) => f.includes('v1'))).toEqual([]);
  });

  it('isLegacyDatabase is false for an empty database and for one with our migration tables', () => {
    const home = cleanHome();
    fs.mkdirSync(home.pccHome, { recursive: true });
    const raw = new BetterSqlite3(path.join(home.pccHome, 'probe.db'));
    try {
      expect(isLegacyDatabase(raw)).toBe(false);
      raw.exec('create table sessions (id text)');
      expect(isLegacyDatabase(raw)).toBe(true);
      raw.exec('create table other_lib_migrations (name text)');
      expect(isLegacyDatabase(raw)).toBe(false);
    } finally {
      raw.close();
    }
  });
});

describe('a database of the earlier parallel-cc that a dying v1 process left with rows still in its WAL', () => {
  const v1Session = (id: string, repo: string, worktree: string, main: number) => ({ id, pid: 4242, repo_path: repo, worktree_path: worktree, is_main_repo: main });

  function fileSums(file: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const suffix of ['', '-wal']) if (fs.existsSync(file + suffix)) out[suffix || 'db'] = sha256(file + suffix);
    return out;
  }

  it('opening, status and register all refuse with LEGACY_DATABASE and leave its bytes (and its WAL) unchanged', async () => {
    const home = cleanHome();
    const file = path.join(home.pccHome, 'coordinator.db');
    const repo = makeRepo();
    writeFullV1Database(file, { sessions: [v1Session('old', repo, repo, 1)] }, { unflushed: { sessions: [v1Session('unflushed', '/gone', '/gone-wt', 0)] } });
    const before = fileSums(file);
    expect(Object.keys(before)).toEqual(['db', '-wal']);
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);

    expect((await sessionErrorOf(openCoordinator({ env: home.env }))).code).toBe('LEGACY_DATABASE');
    // status and register open the coordinator first, as the CLI and the MCP tools do.
    const status = sessionErrorOf(openCoordinator({ env: home.env }).then((c) => sessionStatus(c, {})));
    expect((await status).code).toBe('LEGACY_DATABASE');
    const register = openCoordinator({ env: home.env }).then((c) => registerSession(c, { repo, pid: liveProcess().pid, env: home.env }));
    expect((await sessionErrorOf(register)).code).toBe('LEGACY_DATABASE');

    expect(fileSums(file)).toEqual(before);
    expect(listedWorktrees(repo)).toEqual([repo]);
  });

  it('updateDatabase moves it with its WAL, so its unflushed rows are still there to read, and reports what is left', async () => {
    const home = cleanHome();
    const file = path.join(home.pccHome, 'coordinator.db');
    const repo = makeRepo();
    const kept = path.join(makeTempDir(), 'repo-worktrees', 'v1-branch');
    fs.mkdirSync(kept, { recursive: true });
    writeFullV1Database(
      file,
      {
        sessions: [v1Session('main', repo, repo, 1), v1Session('kept', repo, kept, 0), v1Session('gone', repo, path.join(kept, '..', 'gone'), 0)],
        subscriptions: [{ id: 'sub', session_id: 'kept', repo_path: repo, branch_name: 'feature' }],
        fileClaims: [{ id: 'c1', session_id: 'kept', repo_path: repo, file_path: 'a.ts', claim_mode: 'EXCLUSIVE', expires_at: '2030-01-01 00:00:00' }],
      },
      { unflushed: { subscriptions: [{ id: 'sub-2', session_id: 'main', repo_path: repo, branch_name: 'other' }] } },
    );
    const before = fileSums(file);

    const report = await updateDatabase({ env: home.env });
    const moved = path.join(home.pccHome, 'coordinator.v1.db');
    expect(report.legacyMovedTo).toBe(moved);
    expect(report.legacyLeft).toEqual({ sessions: 3, subscriptions: 2, fileClaims: 1, worktrees: [kept] });
    expect(fileSums(moved)).toEqual({ db: before.db, '-wal': before['-wal'] });
    expect(readLegacyRows(moved, 'subscriptions').map((r) => r.id).sort()).toEqual(['sub', 'sub-2']);
    expect(readLegacyRows(moved, 'no_such_table')).toEqual([]);
    expect(legacyLeftovers(moved)).toEqual(report.legacyLeft);
    expect(fileSums(moved)).toEqual({ db: before.db, '-wal': before['-wal'] });
  });
});
