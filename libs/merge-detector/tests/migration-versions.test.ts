import BetterSqlite3 from 'better-sqlite3';
import { coreSessionsMigrations, pendingMigrations, updateDatabase } from '@parallel-cc/core-sessions';
import { itUpgradesEveryEarlierVersion, migrateDatabaseTo, removeTempDirs } from '@parallel-cc/test-utils';
import { mergeDetectorMigrations, openMergeCoordinator } from '../src';

afterAll(() => removeTempDirs());

const NOW = '2026-01-02T03:04:05.000Z';

/** A database with core-sessions' tables at their latest and merge-detector's at `version`, with rows in each. */
async function databaseAt(file: string, version: string | null): Promise<void> {
  await migrateDatabaseTo(file, coreSessionsMigrations, Object.keys(coreSessionsMigrations.migrations).sort().at(-1) ?? null);
  await migrateDatabaseTo(file, mergeDetectorMigrations, version);
  const raw = new BetterSqlite3(file);
  try {
    raw
      .prepare(`insert into sessions (id, repo_path, worktree_path, base_branch, pid, created_at, last_heartbeat) values ('s-1', '/r', '/r', 'main', 4242, ?, ?)`)
      .run(NOW, NOW);
    if (version === null) return;
    raw
      .prepare(
        `insert into merge_events (id, repo_path, branch_name, source_commit, target_branch, target_commit, how, detected_at)
         values ('e-1', '/r', 'feature', ?, 'main', ?, 'squash', ?)`,
      )
      .run('a'.repeat(40), 'b'.repeat(40), NOW);
    raw.prepare(`insert into subscriptions (id, session_id, repo_path, branch_name, target_branch, created_at) values ('sub-1', 's-1', '/r', 'feature', 'main', ?)`).run(NOW);
  } finally {
    raw.close();
  }
}

function expectLatestWithRows(raw: BetterSqlite3.Database, version: string | null): void {
  expect(pendingMigrations(raw, mergeDetectorMigrations)).toEqual([]);
  expect(raw.prepare('select id from sessions').all()).toEqual([{ id: 's-1' }]);
  expect(raw.prepare('select id, how, detected_at, merged_at from merge_events').all()).toEqual(
    version === null ? [] : [{ id: 'e-1', how: 'squash', detected_at: NOW, merged_at: null }],
  );
  expect(raw.prepare('select id, session_id, active from subscriptions').all()).toEqual(version === null ? [] : [{ id: 'sub-1', session_id: 's-1', active: 1 }]);
}

describe('a database at each earlier schema version of merge-detector', () => {
  itUpgradesEveryEarlierVersion({
    set: mergeDetectorMigrations,
    prepare: databaseAt,
    open: (env) => openMergeCoordinator(env),
    update: (env) => updateDatabase({ env, migrations: [mergeDetectorMigrations] }),
    expectLatest: expectLatestWithRows,
  });
});
