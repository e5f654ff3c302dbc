import BetterSqlite3 from 'better-sqlite3';
import { coreSessionsMigrations, pendingMigrations, updateDatabase } from '@parallel-cc/core-sessions';
import { itUpgradesEveryEarlierVersion, migrateDatabaseTo, removeTempDirs } from '@parallel-cc/test-utils';
import { e2bRunnerMigrations, openRunnerCoordinator } from '../src';

afterAll(() => removeTempDirs());

const NOW = '2026-01-02T03:04:05.000Z';

/** core-sessions' tables at their latest (with a session) and e2b-runner's at `version` (with a run when it has the table). */
async function databaseAt(file: string, version: string | null): Promise<void> {
  await migrateDatabaseTo(file, coreSessionsMigrations, Object.keys(coreSessionsMigrations.migrations).sort().at(-1) ?? null);
  await migrateDatabaseTo(file, e2bRunnerMigrations, version);
  const raw = new BetterSqlite3(file);
  try {
    raw.prepare(`insert into sessions (id, repo_path, worktree_path, base_branch, pid, created_at, last_heartbeat) values ('s-1', '/r', '/w', 'main', 4242, ?, ?)`).run(NOW, NOW);
    if (version === null) return;
    raw
      .prepare(
        `insert into sandbox_runs (id, session_id, repo_path, worktree_path, provider, prompt, status, created_at, log_path, runner_pid, runner_started)
         values ('run-1', 's-1', '/r', '/w', 'local', 'do it', 'completed', ?, '/logs/run-1.log', 4242, '123')`,
      )
      .run(NOW);
  } finally {
    raw.close();
  }
}

function expectLatestWithRows(raw: BetterSqlite3.Database, version: string | null): void {
  expect(pendingMigrations(raw, e2bRunnerMigrations)).toEqual([]);
  expect(raw.prepare('select id from sessions').all()).toEqual([{ id: 's-1' }]);
  expect(raw.prepare('select id, status from sandbox_runs').all()).toEqual(version === null ? [] : [{ id: 'run-1', status: 'completed' }]);
}

describe('a database at each earlier schema version of e2b-runner', () => {
  itUpgradesEveryEarlierVersion({
    set: e2bRunnerMigrations,
    prepare: databaseAt,
    open: (env) => openRunnerCoordinator(env),
    update: (env) => updateDatabase({ env, migrations: [e2bRunnerMigrations] }),
    expectLatest: expectLatestWithRows,
  });
});
