import type { Kysely, Migration } from 'kysely';
import { kyselyRuntime } from './kysely-runtime';

/**
 * One lib's migrations, tracked in its own migration table: the same shape as core-sessions'
 * `MigrationSet`, so `openCoordinator({ migrations: [conflictEngineMigrations] })` runs them.
 */
export interface HistoryMigrationSet {
  /** The lib that owns the tables. */
  lib: string;
  /** Its migration table; never changed once released. */
  table: string;
  /** Migrations by name; names sort in the order they run. */
  migrations: Record<string, Migration>;
}

/** conflict-engine's migrations: `conflict_resolutions` and `auto_fix_suggestions`. */
export const conflictEngineMigrations: HistoryMigrationSet = {
  lib: 'conflict-engine',
  table: 'conflict_engine_migrations',
  migrations: {
    '0001_conflict_history': {
      async up(db: Kysely<unknown>) {
        const { sql } = kyselyRuntime();
        await db.schema
          .createTable('conflict_resolutions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('repo_path', 'text', (c) => c.notNull())
          .addColumn('ours_ref', 'text', (c) => c.notNull())
          .addColumn('theirs_ref', 'text', (c) => c.notNull())
          .addColumn('file_path', 'text', (c) => c.notNull())
          .addColumn('conflict_class', 'text', (c) =>
            c.notNull().check(sql`conflict_class in ('TRIVIAL', 'STRUCTURAL', 'CONCURRENT', 'SEMANTIC')`),
          )
          .addColumn('severity', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('detected_at', 'text', (c) => c.notNull())
          .addColumn('resolution', 'text', (c) => c.check(sql`resolution in ('auto-fix', 'manual')`))
          .addColumn('strategy', 'text')
          .addColumn('suggestion_id', 'text')
          .addColumn('resolved_at', 'text')
          .execute();
        await db.schema.createIndex('conflict_resolutions_repo_file').on('conflict_resolutions').columns(['repo_path', 'file_path']).execute();
        await db.schema.createIndex('conflict_resolutions_detected_at').on('conflict_resolutions').column('detected_at').execute();
        await db.schema
          .createTable('auto_fix_suggestions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('repo_path', 'text', (c) => c.notNull())
          .addColumn('ours_ref', 'text', (c) => c.notNull())
          .addColumn('theirs_ref', 'text', (c) => c.notNull())
          .addColumn('file_path', 'text', (c) => c.notNull())
          .addColumn('conflict_class', 'text', (c) =>
            c.notNull().check(sql`conflict_class in ('TRIVIAL', 'STRUCTURAL', 'CONCURRENT', 'SEMANTIC')`),
          )
          .addColumn('strategy', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull())
          .addColumn('content', 'text', (c) => c.notNull())
          .addColumn('base_oid', 'text')
          .addColumn('ours_oid', 'text')
          .addColumn('theirs_oid', 'text')
          .addColumn('confidence', 'real', (c) => c.notNull())
          .addColumn('factors', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('applied_at', 'text')
          .execute();
      },
    },
  },
};
