import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { MigrationSet } from '@parallel-cc/core-sessions';

/** merge-detector's migrations: `merge_events` and `subscriptions`; pass to `openCoordinator({ migrations })`. */
export const mergeDetectorMigrations: MigrationSet = {
  lib: 'merge-detector',
  table: 'merge_detector_migrations',
  migrations: {
    '0001_merge_events_and_subscriptions': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('merge_events')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('repo_path', 'text', (c) => c.notNull())
          .addColumn('branch_name', 'text', (c) => c.notNull())
          .addColumn('source_commit', 'text', (c) => c.notNull())
          .addColumn('target_branch', 'text', (c) => c.notNull())
          .addColumn('target_commit', 'text', (c) => c.notNull())
          .addColumn('how', 'text', (c) => c.notNull().check(sql`how in ('ancestor', 'squash', 'rebase')`))
          .addColumn('detected_at', 'text', (c) => c.notNull())
          .execute();
        // A tip is announced once per target, however often (and by however many pollers) it is seen.
        await db.schema
          .createIndex('merge_events_once')
          .on('merge_events')
          .columns(['repo_path', 'branch_name', 'target_branch', 'source_commit'])
          .unique()
          .execute();
        await db.schema.createIndex('merge_events_detected_at').on('merge_events').column('detected_at').execute();
        await db.schema
          .createTable('subscriptions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
          .addColumn('repo_path', 'text', (c) => c.notNull())
          .addColumn('branch_name', 'text', (c) => c.notNull())
          .addColumn('target_branch', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('notified_at', 'text')
          .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
          .execute();
        await db.schema.createIndex('subscriptions_session').on('subscriptions').column('session_id').execute();
        await sql`create index subscriptions_active on subscriptions (repo_path, branch_name) where active = 1`.execute(db);
        await sql`create unique index subscriptions_one_active
          on subscriptions (session_id, branch_name, target_branch) where active = 1`.execute(db);
      },
    },
    '0002_merge_events_merged_at': {
      // When the merge itself happened, where known: the earlier parallel-cc recorded it, and its
      // events are imported by `parallel-cc update`; a merge this version detects has only `detected_at`.
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('merge_events').addColumn('merged_at', 'text').execute();
      },
    },
  },
};
