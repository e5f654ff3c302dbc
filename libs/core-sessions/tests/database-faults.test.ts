import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { coreSessionsMigrations, openCoordinator, repairDatabase, runDiagnostics, updateDatabase } from '../src';
import { inspectDatabase } from '../src/db/inspect-database';
import type { MigrationSet } from '../src';
import { CORE_MIGRATIONS, cleanHome, sessionErrorOf } from './support';

afterAll(() => removeTempDirs());

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The database's files other than SQLite's shared-memory index: what "nothing written" is checked on. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    // A reader of a WAL database may create an empty -wal and the -shm index; neither holds data.
    if (name.endsWith('-shm') || (name.endsWith('-wal') && fs.statSync(path.join(dir, name)).size === 0)) continue;
    out[name] = sha256(path.join(dir, name));
  }
  return out;
}

/** A sound database with a row in it, then cut to `bytes`. */
async function truncatedDatabase(file: string, bytes: number): Promise<void> {
  const coordinator = await openCoordinator({ path: file });
  coordinator.raw
    .prepare("insert into sessions (id, repo_path, worktree_path, base_branch, pid, created_at, last_heartbeat) values ('s', '/r', '/r', 'main', 1, 'x', 'x')")
    .run();
  await coordinator.close();
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
  fs.truncateSync(file, bytes);
}

describe('a PARALLEL_CC_HOME that cannot be used', () => {
  it('is created with its missing parents on first use', async () => {
    const home = cleanHome();
    home.env.PARALLEL_CC_HOME = path.join(makeTempDir(), 'a', 'b', 'pcc');
    const coordinator = await openCoordinator({ env: home.env });
    await coordinator.close();
    expect(fs.existsSync(path.join(home.env.PARALLEL_CC_HOME, 'coordinator.db'))).toBe(true);
  });

  it('under a regular file fails with DATABASE_UNAVAILABLE naming the folder and the cause', async () => {
    const home = cleanHome();
    const blocker = path.join(makeTempDir(), 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    home.env.PARALLEL_CC_HOME = path.join(blocker, 'pcc');
    const error = await sessionErrorOf(openCoordinator({ env: home.env }));
    expect(error.code).toBe('DATABASE_UNAVAILABLE');
    expect(error.message).toContain(home.env.PARALLEL_CC_HOME);
    expect(error.message).toContain('is a file, not a folder');
    expect(error.message).toContain('PARALLEL_CC_HOME');
    expect(error.data).toMatchObject({ path: `the folder ${home.env.PARALLEL_CC_HOME}`, code: 'ENOTDIR' });
    expect(fs.readFileSync(blocker, 'utf8')).toBe('not a folder');
  });

  it('that is itself a regular file fails with DATABASE_UNAVAILABLE, and update too', async () => {
    const home = cleanHome();
    const blocker = path.join(makeTempDir(), 'pcc-home');
    fs.writeFileSync(blocker, 'x');
    home.env.PARALLEL_CC_HOME = blocker;
    expect((await sessionErrorOf(openCoordinator({ env: home.env }))).code).toBe('DATABASE_UNAVAILABLE');
    const error = await sessionErrorOf(updateDatabase({ env: home.env }));
    expect(error.code).toBe('DATABASE_UNAVAILABLE');
    expect(error.message).toContain(blocker);
  });
});

describe('a corrupt coordinator.db', () => {
  it.each([
    ['garbage bytes', (file: string) => fs.writeFileSync(file, Buffer.alloc(8192, 0x5a))],
    ['a truncated file', (file: string) => truncatedDatabase(file, 6000)],
  ])('(%s) is refused on open with DATABASE_CORRUPT, and left as it is', async (_label, spoil) => {
    const home = cleanHome();
    const file = path.join(home.pccHome, 'coordinator.db');
    fs.mkdirSync(home.pccHome, { recursive: true });
    await spoil(file);
    const before = contents(home.pccHome);

    const error = await sessionErrorOf(openCoordinator({ env: home.env }));
    expect(error.code).toBe('DATABASE_CORRUPT');
    expect(error.message).toContain(file);
    expect(error.message).toContain('parallel-cc doctor --repair');
    expect(error.data).toMatchObject({ path: file });
    expect((await sessionErrorOf(updateDatabase({ env: home.env }))).code).toBe('DATABASE_CORRUPT');

    expect(contents(home.pccHome)).toEqual(before);
    expect(Object.keys(before)).toEqual(['coordinator.db']);
  });

  it('is a failed check in the diagnostics, with --repair as the fix', async () => {
    const home = cleanHome();
    fs.mkdirSync(home.pccHome, { recursive: true });
    const file = path.join(home.pccHome, 'coordinator.db');
    fs.writeFileSync(file, Buffer.alloc(4096, 1));
    const inspection = inspectDatabase({ env: home.env });
    expect(inspection).toMatchObject({ exists: true, corrupt: true, error: null });
    expect(inspection.problem).toContain('not a database');
    const check = (await runDiagnostics({ env: home.env })).find((c) => c.name === 'database');
    expect(check).toMatchObject({ status: 'fail', fix: expect.stringContaining('parallel-cc doctor --repair') });
    expect(check?.detail).toContain(file);
  });

  it('repairDatabase moves it and its WAL files aside to coordinator.corrupt-<UTC time>.db and creates a fresh one', async () => {
    const home = cleanHome();
    fs.mkdirSync(home.pccHome, { recursive: true });
    const file = path.join(home.pccHome, 'coordinator.db');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));
    fs.writeFileSync(`${file}-wal`, 'stale wal');
    const before = sha256(file);

    const report = await repairDatabase({ env: home.env, now: new Date('2026-03-04T05:06:07.890Z') });
    const moved = path.join(home.pccHome, 'coordinator.corrupt-20260304T050607Z.db');
    expect(report).toEqual({ path: file, repaired: true, movedTo: moved, problem: expect.stringContaining('not a database') });
    expect(sha256(moved)).toBe(before);
    expect(fs.readFileSync(`${moved}-wal`, 'utf8')).toBe('stale wal');

    const coordinator = await openCoordinator({ env: home.env });
    try {
      expect(coordinator.migrated).toEqual([{ lib: 'core-sessions', applied: [] }]);
    } finally {
      await coordinator.close();
    }
    expect(inspectDatabase({ env: home.env })).toMatchObject({ corrupt: false, error: null });

    // A second repair the same second does not overwrite the first backup.
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5b));
    fs.rmSync(`${file}-wal`, { force: true });
    fs.rmSync(`${file}-shm`, { force: true });
    const again = await repairDatabase({ env: home.env, now: new Date('2026-03-04T05:06:07.000Z') });
    expect(again.movedTo).toBe(path.join(home.pccHome, 'coordinator.corrupt-20260304T050607Z-2.db'));
    expect(sha256(moved)).toBe(before);
  });

  it('repairDatabase changes nothing when the database is sound, or missing', async () => {
    const home = cleanHome();
    expect(await repairDatabase({ env: home.env })).toEqual({
      path: path.join(home.pccHome, 'coordinator.db'),
      repaired: false,
      movedTo: null,
      problem: null,
    });
    expect(fs.existsSync(home.pccHome)).toBe(false);

    await (await openCoordinator({ env: home.env })).close();
    const file = path.join(home.pccHome, 'coordinator.db');
    const before = contents(home.pccHome);
    expect((await repairDatabase({ env: home.env })).repaired).toBe(false);
    expect(contents(home.pccHome)).toEqual(before);
    expect(Object.keys(before)).toEqual([path.basename(file)]);
  });
});

describe('a database written by a newer parallel-cc', () => {
  async function newerDatabase(set: MigrationSet = coreSessionsMigrations) {
    const home = cleanHome();
    await (await openCoordinator({ env: home.env, migrations: set === coreSessionsMigrations ? [] : [set] })).close();
    const file = path.join(home.pccHome, 'coordinator.db');
    const raw = new BetterSqlite3(file);
    raw.prepare(`insert into "${set.table}" (name, timestamp) values ('9999_from_the_future', '2030-01-01T00:00:00.000Z')`).run();
    raw.close();
    return { home, file };
  }

  it('is refused on open with DATABASE_TOO_NEW naming the path and the unknown migrations; nothing is written', async () => {
    const { home, file } = await newerDatabase();
    const before = contents(home.pccHome);
    const error = await sessionErrorOf(openCoordinator({ env: home.env }));
    expect(error.code).toBe('DATABASE_TOO_NEW');
    expect(error.message).toContain(file);
    expect(error.message).toContain('core-sessions: 9999_from_the_future');
    expect(error.message).toMatch(/upgrade parallel-cc/i);
    expect(error.data).toEqual({ path: file, unknown: [{ lib: 'core-sessions', migrations: ['9999_from_the_future'] }] });
    expect((await sessionErrorOf(updateDatabase({ env: home.env }))).code).toBe('DATABASE_TOO_NEW');
    expect(contents(home.pccHome)).toEqual(before);
  });

  it('is refused before migrating even when another lib\u2019s migrations are pending', async () => {
    const notes: MigrationSet = {
      lib: 'notes-lib',
      table: 'notes_lib_migrations',
      migrations: {
        '0001_notes': {
          async up(db) {
            await db.schema.createTable('notes').addColumn('id', 'integer').execute();
          },
        },
      },
    };
    const { home, file } = await newerDatabase(notes);
    const later: MigrationSet = { ...notes, migrations: { ...notes.migrations, '0002_more': { async up() { /* only its name matters here */ } } } };
    const before = contents(home.pccHome);
    const error = await sessionErrorOf(openCoordinator({ env: home.env, migrations: [later] }));
    expect(error.code).toBe('DATABASE_TOO_NEW');
    expect(error.message).toContain('notes-lib: 9999_from_the_future');
    expect(contents(home.pccHome)).toEqual(before);
    expect(before[path.basename(file)]).toBeDefined();
  });

  it('is a failed check in the diagnostics', async () => {
    const { home } = await newerDatabase();
    const inspection = inspectDatabase({ env: home.env });
    expect(inspection.schema).toEqual([{ lib: 'core-sessions', applied: CORE_MIGRATIONS.length, pending: [], unknown: ['9999_from_the_future'] }]);
    const check = (await runDiagnostics({ env: home.env })).find((c) => c.name === 'database');
    expect(check).toMatchObject({ status: 'fail', fix: expect.stringContaining('upgrade parallel-cc') });
    expect(check?.detail).toContain('core-sessions:9999_from_the_future');
  });
});
