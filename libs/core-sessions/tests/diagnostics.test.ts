import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRepo, makeTempDir, removeTempDirs, writeFakeGtr } from '@parallel-cc/test-utils';
import type { Kysely } from 'kysely';
import { openCoordinator, registerSession, runDiagnostics } from '../src';
import { inspectDatabase } from '../src/db/inspect-database';
import type { MigrationSet } from '../src';
import { CORE_MIGRATIONS, cleanHome, liveProcess, stopLiveProcesses } from './support';

afterAll(async () => {
  await stopLiveProcesses();
  removeTempDirs();
});

const extra: MigrationSet = {
  lib: 'extra-lib',
  table: 'extra_lib_migrations',
  migrations: {
    '0001_extra': {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('extra').addColumn('id', 'integer').execute();
      },
    },
  },
};

/** A folder with an executable `name` that runs `script` (sh). */
function binWith(name: string, script: string): string {
  const dir = makeTempDir('pcc-bin-');
  fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return dir;
}

describe('inspectDatabase', () => {
  it('reports a database that does not exist yet, creating nothing', () => {
    const home = cleanHome();
    const report = inspectDatabase({ env: home.env, migrations: [extra] });
    expect(report).toEqual({
      path: path.join(home.pccHome, 'coordinator.db'),
      exists: false,
      legacy: false,
      corrupt: false,
      problem: null,
      schema: [
        { lib: 'core-sessions', applied: 0, pending: CORE_MIGRATIONS, unknown: [] },
        { lib: 'extra-lib', applied: 0, pending: ['0001_extra'], unknown: [] },
      ],
      sessions: { live: 0, idle: 0, stale: 0, kept: 0 },
      error: null,
    });
    expect(fs.existsSync(home.pccHome)).toBe(false);
  });

  it('reports applied and pending migrations of an existing database without changing it', async () => {
    const home = cleanHome();
    await (await openCoordinator({ env: home.env })).close();
    const report = inspectDatabase({ env: home.env, migrations: [extra] });
    expect(report).toMatchObject({
      exists: true,
      legacy: false,
      error: null,
      schema: [
        { lib: 'core-sessions', applied: CORE_MIGRATIONS.length, pending: [] },
        { lib: 'extra-lib', applied: 0, pending: ['0001_extra'] },
      ],
    });
    const again = await openCoordinator({ env: home.env, migrations: [extra] });
    await again.close();
    expect(again.migrated[1]).toEqual({ lib: 'extra-lib', applied: ['0001_extra'] });
  });

  it('reports a file that is not a database as corrupt', () => {
    const home = cleanHome();
    fs.mkdirSync(home.pccHome, { recursive: true });
    fs.writeFileSync(path.join(home.pccHome, 'coordinator.db'), 'this is not sqlite, just text that is long enough to have a header');
    const report = inspectDatabase({ env: home.env });
    expect(report).toMatchObject({ exists: true, corrupt: true, error: null });
    expect(report.problem).toMatch(/not a database/);
  });
});

describe('runDiagnostics', () => {
  it('reports git, gtr, the database and claude', async () => {
    const home = cleanHome();
    const claudeBin = binWith('claude', 'exit 0');
    const env = { ...home.env, PATH: `${claudeBin}${path.delimiter}${home.env.PATH ?? ''}` };
    const checks = await runDiagnostics({ env });
    expect(checks.map((c) => [c.name, c.status])).toEqual([
      ['git', 'ok'],
      ['gtr', 'ok'],
      ['database', 'ok'],
      ['sessions', 'ok'],
      ['claude', 'ok'],
    ]);
    expect(checks[0]?.detail).toMatch(/^git \d+\.\d+/);
    expect(checks[1]?.detail).toContain('not installed');
    expect(checks[2]?.detail).toContain('not created yet');
    expect(checks[3]?.detail).toBe('0 live, 0 idle, 0 stale, 0 kept (holding work)');
    expect(checks[4]?.detail).toBe(path.join(claudeBin, 'claude'));
  });

  it('warns without claude, names gtr when installed, and shows pending migrations', async () => {
    const home = cleanHome();
    await (await openCoordinator({ env: home.env })).close();
    const gtr = writeFakeGtr(makeTempDir('pcc-gtr-'), 2);
    const withoutClaude = (home.env.PATH ?? '').split(path.delimiter).filter((dir) => !fs.existsSync(path.join(dir, 'claude')));
    const env = { ...home.env, PATH: [gtr.binDir, ...withoutClaude].join(path.delimiter) };
    const checks = await runDiagnostics({ env, migrations: [extra] });
    const byName = new Map(checks.map((c) => [c.name, c]));
    expect(byName.get('gtr')).toEqual({ name: 'gtr', status: 'ok', detail: 'git gtr 2.11.0 (v2)' });
    expect(byName.get('database')?.detail).toContain('pending: extra-lib:0001_extra');
    expect(byName.get('claude')?.status).toBe('warn');

    const upToDate = await runDiagnostics({ env });
    expect(upToDate.find((c) => c.name === 'database')?.detail).toContain(`schema up to date (core-sessions ${CORE_MIGRATIONS.length})`);
  });

  it('fails on a git that is too old or missing, and on a legacy or unreadable database', async () => {
    const home = cleanHome();
    const oldGit = binWith('git', 'echo "git version 2.30.1"');
    const checks = await runDiagnostics({ env: { ...home.env, PATH: `${oldGit}${path.delimiter}${home.env.PATH ?? ''}` } });
    expect(checks.find((c) => c.name === 'git')).toMatchObject({ name: 'git', status: 'fail', detail: 'git 2.30.1 is too old: 2.38.0 or newer is needed' });

    const noGit = await runDiagnostics({ env: { ...home.env, PATH: makeTempDir('pcc-empty-path-') } });
    expect(noGit.find((c) => c.name === 'git')).toEqual({ name: 'git', status: 'fail', detail: 'git was not found on PATH', fix: 'install git 2.38 or newer' });

    fs.mkdirSync(home.pccHome, { recursive: true });
    const file = path.join(home.pccHome, 'coordinator.db');
    fs.writeFileSync(file, 'garbage that is not an sqlite database at all, long enough for a header');
    const unreadable = await runDiagnostics({ env: home.env });
    expect(unreadable.find((c) => c.name === 'database')).toMatchObject({ status: 'fail' });
    expect(unreadable.find((c) => c.name === 'database')?.detail).toContain('is corrupt: file is not a database');

    fs.rmSync(file);
    const BetterSqlite3 = (await import('better-sqlite3')).default;
    const legacy = new BetterSqlite3(file);
    legacy.exec('create table sessions (id text primary key, pid integer)');
    legacy.close();
    const old = await runDiagnostics({ env: home.env });
    expect(old.find((c) => c.name === 'database')).toMatchObject({ status: 'fail' });
    expect(old.find((c) => c.name === 'database')?.fix).toBe('parallel-cc update');
  });
});

describe('the sessions check', () => {
  it('counts sessions by state and points at cleanup when some are stale', async () => {
    const home = cleanHome();
    const coordinator = await openCoordinator({ env: home.env });
    const repo = makeRepo();
    const gone = liveProcess();
    await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
    await registerSession(coordinator, { repo, pid: gone.pid, env: home.env });
    await coordinator.close();
    await gone.kill();
    const check = (await runDiagnostics({ env: home.env })).find((c) => c.name === 'sessions');
    expect(check).toEqual({ name: 'sessions', status: 'warn', detail: '1 live, 0 idle, 1 stale, 0 kept (holding work)', fix: 'parallel-cc cleanup' });
  });
});
