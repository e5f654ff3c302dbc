import { randomUUID } from 'node:crypto';
import { removeTempDirs } from '@parallel-cc/test-utils';
import { mergeDetectorMigrations, openMergeCoordinator } from '../src';
import { openFresh } from './support';

afterAll(() => removeTempDirs());

const event = (how: string) => ({
  id: randomUUID(),
  repo_path: '/r',
  branch_name: 'b',
  source_commit: 'a'.repeat(40),
  target_branch: 'main',
  target_commit: 'c'.repeat(40),
  how,
  detected_at: new Date().toISOString(),
});

describe('mergeDetectorMigrations', () => {
  test('create merge_events and subscriptions under their own migration table, once', async () => {
    const { home, coordinator } = await openFresh();
    try {
      expect(coordinator.migrated).toContainEqual({ lib: 'merge-detector', applied: Object.keys(mergeDetectorMigrations.migrations) });
      const names = (coordinator.raw.prepare("select name from sqlite_master where type in ('table', 'index') order by name").all() as Array<{ name: string }>).map((r) => r.name);
      expect(names).toEqual(expect.arrayContaining(['merge_events', 'merge_events_once', 'subscriptions', 'subscriptions_one_active', 'merge_detector_migrations']));
      const again = await openMergeCoordinator(home.env);
      expect(again.migrated).toContainEqual({ lib: 'merge-detector', applied: [] });
      await again.close();
    } finally {
      await coordinator.close();
    }
  });

  test('one event per repository, branch, target and tip; only known kinds of merge; subscriptions need a session', async () => {
    const { coordinator } = await openFresh();
    try {
      const insert = coordinator.raw.prepare(
        `insert into merge_events (id, repo_path, branch_name, source_commit, target_branch, target_commit, how, detected_at)
         values (@id, @repo_path, @branch_name, @source_commit, @target_branch, @target_commit, @how, @detected_at)`,
      );
      insert.run(event('squash'));
      expect(() => insert.run(event('squash'))).toThrow(/UNIQUE constraint failed/);
      expect(() => insert.run({ ...event('octopus'), branch_name: 'other' })).toThrow(/CHECK constraint failed/);
      expect(() =>
        coordinator.raw
          .prepare("insert into subscriptions (id, session_id, repo_path, branch_name, target_branch, created_at) values ('s', 'nobody', '/r', 'b', 'main', 'now')")
          .run(),
      ).toThrow(/FOREIGN KEY constraint failed/);
    } finally {
      await coordinator.close();
    }
  });
});
