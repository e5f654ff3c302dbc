import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Kysely, Migration } from 'kysely';
import { holdDatabaseLock, makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import type { DatabaseLock } from '@parallel-cc/test-utils';
import { openCoordinator, registerSession } from '../src';
import { BUSY_TIMEOUT_MS } from '../src/db/open-database';
import { busyTimeoutMs } from '../src/db/busy-timeout';
import { cleanHome, hasBranch, listedWorktrees, liveProcess, sessionErrorOf, sessionRows, stopLiveProcesses } from './support';

let lock: DatabaseLock | undefined;

afterEach(async () => {
  await lock?.release();
  lock = undefined;
  await stopLiveProcesses();
});

afterAll(() => removeTempDirs());

/** A home whose database exists (WAL, migrated) with a short busy timeout, so a lock fails fast. */
async function lockedHome() {
  const home = cleanHome();
  home.env.PARALLEL_CC_BUSY_TIMEOUT_MS = '150';
  await (await openCoordinator({ env: home.env })).close();
  const file = path.join(home.pccHome, 'coordinator.db');
  return { home, file };
}

function expectBusy(error: { code: string; message: string; data: Record<string, unknown> }, file: string): void {
  expect(error.code).toBe('DATABASE_BUSY');
  expect(error.message).toContain(file);
  expect(error.message).toContain('locked by another process');
  expect(error.message).toMatch(/retry/i);
  expect(error.data).toEqual({ path: file, busyTimeoutMs: 150 });
}

describe('a database another process holds locked', () => {
  it('register fails with DATABASE_BUSY and leaves no row, no worktree and no branch', async () => {
    const { home, file } = await lockedHome();
    const repo = makeRepo();
    const coordinator = await openCoordinator({ env: home.env });
    try {
      const first = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
      expect(first.isMainRepo).toBe(true);
      const worktreesBefore = listedWorktrees(repo);
      const foldersBefore = fs.readdirSync(path.dirname(repo)).sort();

      lock = await holdDatabaseLock(file);
      const error = await sessionErrorOf(registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env }));
      expectBusy(error, file);

      expect(sessionRows(coordinator).map((r) => r.id)).toEqual([first.sessionId]);
      expect(listedWorktrees(repo)).toEqual(worktreesBefore);
      expect(fs.readdirSync(path.dirname(repo)).sort()).toEqual(foldersBefore);

      // Once the lock is gone the same registration goes through.
      await lock.release();
      lock = undefined;
      const second = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
      expect(second.isMainRepo).toBe(false);
      expect(hasBranch(repo, second.branch)).toBe(true);
    } finally {
      await coordinator.close();
    }
  });

  it('a write through the coordinator\u2019s Kysely fails with DATABASE_BUSY, and nothing is written', async () => {
    const { home, file } = await lockedHome();
    const coordinator = await openCoordinator({ env: home.env });
    try {
      lock = await holdDatabaseLock(file);
      const now = new Date().toISOString();
      const insert = coordinator.db
        .insertInto('sessions')
        .values({ id: 'x', repo_path: '/r', worktree_path: '/r', base_branch: 'main', is_main_repo: 0, pid: 1, status: 'active', created_at: now, last_heartbeat: now, origin: 'wrapper' })
        .execute();
      expectBusy(await sessionErrorOf(insert), file);
      await lock.release();
      lock = undefined;
      expect(sessionRows(coordinator)).toEqual([]);
    } finally {
      await coordinator.close();
    }
  });

  it('opening with pending migrations fails with DATABASE_BUSY and migrates nothing', async () => {
    const { home, file } = await lockedHome();
    const createNotes: Migration = {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('notes').addColumn('id', 'integer').execute();
      },
    };
    lock = await holdDatabaseLock(file);
    const error = await sessionErrorOf(
      openCoordinator({ env: home.env, migrations: [{ lib: 'notes-lib', table: 'notes_lib_migrations', migrations: { '0001_notes': createNotes } }] }),
    );
    expectBusy(error, file);
    await lock.release();
    lock = undefined;
    const coordinator = await openCoordinator({ env: home.env });
    try {
      const tables = coordinator.raw.prepare("select name from sqlite_master where name like 'notes%'").all();
      expect(tables).toEqual([]);
    } finally {
      await coordinator.close();
    }
  });
});

describe('a new database another process is creating', () => {
  // SQLite refuses the switch to WAL at once, without waiting, while another process holds the write
  // lock of a database still in rollback-journal mode: the first moments of a new database.
  async function creatingHome(timeoutMs: string) {
    const home = cleanHome();
    home.env.PARALLEL_CC_BUSY_TIMEOUT_MS = timeoutMs;
    fs.mkdirSync(home.pccHome, { recursive: true });
    const file = path.join(home.pccHome, 'coordinator.db');
    lock = await holdDatabaseLock(file, 'immediate');
    return { home, file };
  }

  it('opening waits for the other process instead of failing at once, then migrates', async () => {
    const { home } = await creatingHome('10000');
    let settled = false;
    const opening = openCoordinator({ env: home.env }).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    await lock!.release();
    lock = undefined;
    const coordinator = await opening;
    try {
      expect(coordinator.raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(sessionRows(coordinator)).toEqual([]);
    } finally {
      await coordinator.close();
    }
  });

  it('opening fails with DATABASE_BUSY when the other process holds on past the busy timeout', async () => {
    const { home, file } = await creatingHome('150');
    expectBusy(await sessionErrorOf(openCoordinator({ env: home.env })), file);
  });
});

describe('busyTimeoutMs', () => {
  it('takes PARALLEL_CC_BUSY_TIMEOUT_MS when it is a whole number from 1 up', () => {
    expect(busyTimeoutMs({ PARALLEL_CC_BUSY_TIMEOUT_MS: '250' })).toBe(250);
    expect(busyTimeoutMs({ PARALLEL_CC_BUSY_TIMEOUT_MS: ' 1 ' })).toBe(1);
  });

  it('ignores a missing or bad value and uses 15 s', () => {
    expect(BUSY_TIMEOUT_MS).toBe(15_000);
    for (const bad of [undefined, '', '0', '-5', '1.5', 'soon', '1e3', '99999999999999999999']) {
      expect(busyTimeoutMs({ PARALLEL_CC_BUSY_TIMEOUT_MS: bad })).toBe(BUSY_TIMEOUT_MS);
    }
  });

  it('is the busy timeout an opened database gets', async () => {
    const home = cleanHome();
    home.env.PARALLEL_CC_BUSY_TIMEOUT_MS = '1234';
    const coordinator = await openCoordinator({ env: home.env });
    try {
      expect(coordinator.raw.pragma('busy_timeout', { simple: true })).toBe(1234);
    } finally {
      await coordinator.close();
    }
  });
});
