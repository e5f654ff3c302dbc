import * as fs from 'node:fs';
import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import { removeTempDirs } from '@parallel-cc/test-utils';
import { coreSessionsMigrations, openCoordinator, pendingMigrations } from '../src';
import type { MigrationSet } from '../src';
import { CORE_MIGRATIONS, cleanHome, sessionErrorOf } from './support';

afterAll(() => removeTempDirs());

function tableNames(file: string): string[] {
  const raw = new BetterSqlite3(file, { readonly: true });
  try {
    return (raw.prepare("select name from sqlite_master where type = 'table' order by name").all() as Array<{ name: string }>).map((t) => t.name);
  } finally {
    raw.close();
  }
}

function appliedNames(file: string, table: string): string[] {
  const raw = new BetterSqlite3(file, { readonly: true });
  try {
    return (raw.prepare(`select name from "${table}" order by name`).all() as Array<{ name: string }>).map((r) => r.name);
  } finally {
    raw.close();
  }
}

const createNotes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('notes').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
  },
};

const addNotesText: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('notes').addColumn('text', 'text').execute();
  },
};

// Deliberately listed out of order: names decide the order.
const notesMigrations: MigrationSet = {
  lib: 'notes-lib',
  table: 'notes_lib_migrations',
  migrations: { '0002_notes_text': addNotesText, '0001_notes': createNotes },
};

describe('migrations', () => {
  it('a new database gets core-sessions\u2019 tables and its own migration table', async () => {
    const home = cleanHome();
    const coordinator = await openCoordinator({ env: home.env });
    await coordinator.close();
    expect(coordinator.migrated).toEqual([{ lib: 'core-sessions', applied: CORE_MIGRATIONS }]);
    expect(tableNames(coordinator.path)).toEqual(expect.arrayContaining(['core_sessions_migrations', 'sessions']));
    expect(appliedNames(coordinator.path, 'core_sessions_migrations')).toEqual(CORE_MIGRATIONS);
  });

  it('reopening runs nothing', async () => {
    const home = cleanHome();
    await (await openCoordinator({ env: home.env })).close();
    const again = await openCoordinator({ env: home.env });
    try {
      expect(again.migrated).toEqual([{ lib: 'core-sessions', applied: [] }]);
      expect(pendingMigrations(again.raw, coreSessionsMigrations)).toEqual([]);
    } finally {
      await again.close();
    }
    expect(appliedNames(again.path, 'core_sessions_migrations')).toEqual(CORE_MIGRATIONS);
  });

  it('another lib\u2019s set runs after core-sessions\u2019, in name order, under its own migration table', async () => {
    const home = cleanHome();
    // Passing core-sessions' own set again must not run it twice.
    const coordinator = await openCoordinator({ env: home.env, migrations: [coreSessionsMigrations, notesMigrations] });
    try {
      expect(coordinator.migrated).toEqual([
        { lib: 'core-sessions', applied: CORE_MIGRATIONS },
        { lib: 'notes-lib', applied: ['0001_notes', '0002_notes_text'] },
      ]);
      coordinator.raw.prepare("insert into notes (id, text) values (1, 'hello')").run();
    } finally {
      await coordinator.close();
    }
    expect(tableNames(coordinator.path)).toEqual(expect.arrayContaining(['notes', 'notes_lib_migrations', 'core_sessions_migrations']));
    expect(appliedNames(coordinator.path, 'notes_lib_migrations')).toEqual(['0001_notes', '0002_notes_text']);

    const again = await openCoordinator({ env: home.env, migrations: [notesMigrations] });
    await again.close();
    expect(again.migrated).toEqual([
      { lib: 'core-sessions', applied: [] },
      { lib: 'notes-lib', applied: [] },
    ]);
  });

  it('a migration added later runs alone on the next open', async () => {
    const home = cleanHome();
    const first: MigrationSet = { ...notesMigrations, migrations: { '0001_notes': createNotes } };
    await (await openCoordinator({ env: home.env, migrations: [first] })).close();
    const probe = new BetterSqlite3(path.join(home.pccHome, 'coordinator.db'), { readonly: true });
    expect(pendingMigrations(probe, notesMigrations)).toEqual(['0002_notes_text']);
    probe.close();
    const coordinator = await openCoordinator({ env: home.env, migrations: [notesMigrations] });
    await coordinator.close();
    expect(coordinator.migrated[1]).toEqual({ lib: 'notes-lib', applied: ['0002_notes_text'] });
  });

  it('a failing migration raises MIGRATION_FAILED and rolls back every table it made', async () => {
    const home = cleanHome();
    const coordinator = await openCoordinator({ env: home.env });
    coordinator.raw
      .prepare("insert into sessions (id, repo_path, worktree_path, base_branch, pid, created_at, last_heartbeat) values ('kept-row', '/r', '/r', 'main', 1, 'x', 'x')")
      .run();
    await coordinator.close();
    const before = tableNames(coordinator.path);

    const broken: MigrationSet = {
      lib: 'broken-lib',
      table: 'broken_lib_migrations',
      migrations: {
        '0001_half': {
          async up(db: Kysely<unknown>) {
            await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
          },
        },
        '0002_boom': {
          async up(db: Kysely<unknown>) {
            await db.schema.createTable('also_half').addColumn('id', 'integer').execute();
            await sql`select * from no_such_table`.execute(db);
          },
        },
      },
    };
    const error = await sessionErrorOf(openCoordinator({ env: home.env, migrations: [broken] }));
    expect(error.code).toBe('MIGRATION_FAILED');
    expect(error.message).toContain('broken-lib');
    expect(error.message).toContain('0002_boom');
    expect(error.message).toContain('no_such_table');
    expect(error.data).toEqual({ lib: 'broken-lib', migration: '0002_boom' });

    const after = tableNames(coordinator.path);
    expect(after).toEqual(before);
    expect(after).not.toContain('half_done');
    expect(after).not.toContain('broken_lib_migrations');

    // The database is still usable and its rows are intact.
    const reopened = await openCoordinator({ env: home.env });
    try {
      expect(reopened.raw.prepare('select id from sessions').all()).toEqual([{ id: 'kept-row' }]);
    } finally {
      await reopened.close();
    }
  });

  it('a failure on a brand-new database leaves no tables of any lib behind', async () => {
    const home = cleanHome();
    const broken: MigrationSet = {
      lib: 'broken-lib',
      table: 'broken_lib_migrations',
      migrations: {
        '0001_boom': {
          async up() {
            throw new Error('disk says no');
          },
        },
      },
    };
    const error = await sessionErrorOf(openCoordinator({ env: home.env, migrations: [broken] }));
    expect(error.code).toBe('MIGRATION_FAILED');
    expect(error.message).toContain('disk says no');
    expect(error.data).toEqual({ lib: 'broken-lib', migration: '0001_boom' });
    const file = path.join(home.pccHome, 'coordinator.db');
    expect(fs.existsSync(file)).toBe(true);
    expect(tableNames(file)).toEqual([]);
  });
});
