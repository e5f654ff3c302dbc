import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { earlierVersions, makeTempDir, migrateDatabaseTo, removeTempDirs } from '@parallel-cc/test-utils';
import { conflictEngineMigrations, migrateHistory } from '../src';

afterAll(() => removeTempDirs());

const NAMES = Object.keys(conflictEngineMigrations.migrations).sort();
const NOW = '2026-01-02T03:04:05.000Z';

/** conflict-engine's tables at `version` beside another lib's table, with a row in each table there is. */
async function databaseAt(file: string, version: string | null): Promise<void> {
  await migrateDatabaseTo(file, conflictEngineMigrations, version);
  const raw = new Database(file);
  try {
    raw.exec('create table sessions (id text primary key)');
    raw.prepare("insert into sessions (id) values ('s-1')").run();
    if (version === null) return;
    raw
      .prepare(
        `insert into conflict_resolutions (id, repo_path, ours_ref, theirs_ref, file_path, conflict_class, severity, reason, detected_at)
         values ('c-1', '/r', 'a', 'b', 'src/x.ts', 'STRUCTURAL', 'high', 'both changed it', ?)`,
      )
      .run(NOW);
  } finally {
    raw.close();
  }
}

describe('a database at each earlier schema version of conflict-engine\u2019s history', () => {
  const versions = earlierVersions(conflictEngineMigrations);

  it('covers every version before the latest', () => {
    expect(versions).toEqual([null, ...NAMES.slice(0, -1)]);
  });

  it.each(versions.map((v) => [v ?? 'none']))('at %s: migrateHistory brings it to the latest and keeps its rows', async (label) => {
    const version = label === 'none' ? null : label;
    const file = path.join(makeTempDir('pcc-history-'), 'history.db');
    await databaseAt(file, version);
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(file) }) });
    try {
      const done = version === null ? 0 : NAMES.indexOf(version) + 1;
      expect(await migrateHistory(db)).toEqual(NAMES.slice(done));
      expect(await migrateHistory(db)).toEqual([]);
    } finally {
      await db.destroy();
    }
    const raw = new Database(file, { readonly: true });
    try {
      const applied = (raw.prepare(`select name from ${conflictEngineMigrations.table} order by name`).all() as Array<{ name: string }>).map((r) => r.name);
      expect(applied).toEqual(NAMES);
      expect(raw.prepare('select id from sessions').all()).toEqual([{ id: 's-1' }]);
      expect(raw.prepare('select id, conflict_class from conflict_resolutions').all()).toEqual(version === null ? [] : [{ id: 'c-1', conflict_class: 'STRUCTURAL' }]);
      expect(raw.prepare('select count(*) as n from auto_fix_suggestions').get()).toEqual({ n: 0 });
    } finally {
      raw.close();
    }
  });
});
