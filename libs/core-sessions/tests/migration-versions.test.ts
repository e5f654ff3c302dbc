import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { earlierVersions, migrateDatabaseTo, removeTempDirs } from '@parallel-cc/test-utils';
import { coreSessionsMigrations, openCoordinator, pendingMigrations, updateDatabase } from '../src';
import { CORE_MIGRATIONS, cleanHome } from './support';

afterAll(() => removeTempDirs());

const NOW = '2026-01-02T03:04:05.000Z';

/** Puts rows in every core-sessions table that exists at `version`, the way that version wrote them. */
function addRows(file: string, version: string | null): void {
  if (version === null) return;
  const raw = new BetterSqlite3(file);
  // From 0006 on, rows are written with the new origin names (and every insert names its origin).
  const renamed = version >= '0006_origins_and_parent';
  try {
    raw
      .prepare(
        renamed
          ? `insert into sessions (id, repo_path, worktree_path, base_branch, is_main_repo, pid, status, created_at, last_heartbeat, origin)
             values ('s-1', '/r', '/r', 'main', 1, 4242, 'active', ?, ?, 'wrapper')`
          : `insert into sessions (id, repo_path, worktree_path, base_branch, is_main_repo, pid, status, created_at, last_heartbeat)
             values ('s-1', '/r', '/r', 'main', 1, 4242, 'active', ?, ?)`,
      )
      .run(NOW, NOW);
    if (version >= '0002_notifications_and_origin') {
      // Before 0006 a session attached by the SessionStart hook was written as `hook` (`s-1` takes the column's default, `register`).
      raw
        .prepare(
          `insert into sessions (id, repo_path, worktree_path, base_branch, is_main_repo, pid, status, created_at, last_heartbeat, origin)
           values ('s-2', '/r', '/r-wt', 'main', 0, 4343, 'active', ?, ?, ?)`,
        )
        .run(NOW, NOW, renamed ? 'adopted' : 'hook');
      raw.prepare("insert into notifications (session_id, kind, text, created_at) values ('s-1', 'note', 'hello', ?)").run(NOW);
    }
  } finally {
    raw.close();
  }
}

function rowsOf(raw: BetterSqlite3.Database, version: string | null) {
  return {
    sessions: raw.prepare('select id, pid, is_main_repo, origin, status_owner_pid, parent_session_id from sessions order by id').all(),
    notifications: raw.prepare('select session_id, kind, text from notifications').all(),
    // Origins are renamed for how the session started: `register` is `wrapper`, `hook` is `adopted`.
    expectedSessions: [
      ...(version === null ? [] : [{ id: 's-1', pid: 4242, is_main_repo: 1, origin: 'wrapper', status_owner_pid: null, parent_session_id: null }]),
      ...(version !== null && version >= '0002_notifications_and_origin'
        ? [{ id: 's-2', pid: 4343, is_main_repo: 0, origin: 'adopted', status_owner_pid: null, parent_session_id: null }]
        : []),
    ],
    expectedNotifications: version !== null && version >= '0002_notifications_and_origin' ? [{ session_id: 's-1', kind: 'note', text: 'hello' }] : [],
  };
}

describe('a database at each earlier schema version of core-sessions', () => {
  const versions = earlierVersions(coreSessionsMigrations);

  it('covers every version before the latest', () => {
    expect(versions).toEqual([null, ...CORE_MIGRATIONS.slice(0, -1)]);
  });

  it.each(versions.map((v) => [v ?? 'none']))('at %s: opening it migrates to the latest and keeps its rows', async (label) => {
    const version = label === 'none' ? null : label;
    const home = cleanHome();
    const file = path.join(home.pccHome, 'coordinator.db');
    await migrateDatabaseTo(file, coreSessionsMigrations, version);
    addRows(file, version);

    const coordinator = await openCoordinator({ env: home.env });
    try {
      const done = version === null ? 0 : CORE_MIGRATIONS.indexOf(version) + 1;
      expect(coordinator.migrated).toEqual([{ lib: 'core-sessions', applied: CORE_MIGRATIONS.slice(done) }]);
      expect(pendingMigrations(coordinator.raw, coreSessionsMigrations)).toEqual([]);
      const rows = rowsOf(coordinator.raw, version);
      expect(rows.sessions).toEqual(rows.expectedSessions);
      expect(rows.notifications).toEqual(rows.expectedNotifications);
    } finally {
      await coordinator.close();
    }
  });

  it.each(versions.map((v) => [v ?? 'none']))('at %s: updateDatabase migrates to the latest and keeps its rows', async (label) => {
    const version = label === 'none' ? null : label;
    const home = cleanHome();
    const file = path.join(home.pccHome, 'coordinator.db');
    await migrateDatabaseTo(file, coreSessionsMigrations, version);
    addRows(file, version);

    const report = await updateDatabase({ env: home.env });
    const done = version === null ? 0 : CORE_MIGRATIONS.indexOf(version) + 1;
    expect(report).toEqual({
      path: file,
      legacyMovedTo: null,
      legacyLeft: null,
      migrated: [{ lib: 'core-sessions', applied: CORE_MIGRATIONS.slice(done) }],
    });
    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      expect(pendingMigrations(raw, coreSessionsMigrations)).toEqual([]);
      const rows = rowsOf(raw, version);
      expect(rows.sessions).toEqual(rows.expectedSessions);
      expect(rows.notifications).toEqual(rows.expectedNotifications);
    } finally {
      raw.close();
    }
  });
});
