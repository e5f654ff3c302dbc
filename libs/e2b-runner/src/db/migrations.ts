import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { MigrationSet } from '@parallel-cc/core-sessions';

/** e2b-runner's migrations: `sandbox_runs`; pass to `openCoordinator({ migrations })`. */
export const e2bRunnerMigrations: MigrationSet = {
  lib: 'e2b-runner',
  table: 'e2b_runner_migrations',
  migrations: {
    '0001_sandbox_runs': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('sandbox_runs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          // No foreign key to sessions.id. A run's record (log, exit code, branch, PR) outlives its
          // session row, which release and cleanup delete: `cascade` would lose that history,
          // plain `references` would make core-sessions' deletes fail, and `set null` would lose
          // the session id that `sandbox logs --session-id` looks runs up by. createRun checks
          // that the session exists instead; session ids are UUIDs, never reused.
          .addColumn('session_id', 'text', (c) => c.notNull())
          .addColumn('repo_path', 'text', (c) => c.notNull())
          .addColumn('worktree_path', 'text', (c) => c.notNull())
          .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('e2b', 'local')`))
          .addColumn('sandbox_id', 'text')
          .addColumn('prompt', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) =>
            c
              .notNull()
              .check(sql`status in ('pending', 'uploading', 'running', 'downloading', 'completed', 'failed', 'timed_out', 'killed')`),
          )
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('started_at', 'text')
          .addColumn('ended_at', 'text')
          .addColumn('exit_code', 'integer')
          .addColumn('branch', 'text')
          .addColumn('pr_url', 'text')
          .addColumn('log_path', 'text', (c) => c.notNull())
          .addColumn('error', 'text')
          .addColumn('runner_pid', 'integer', (c) => c.notNull())
          .addColumn('runner_started', 'text', (c) => c.notNull())
          .execute();
        // One run per session: a run is a session with its own worktree.
        await db.schema.createIndex('sandbox_runs_session').on('sandbox_runs').column('session_id').unique().execute();
        await db.schema.createIndex('sandbox_runs_repo').on('sandbox_runs').columns(['repo_path', 'created_at']).execute();
      },
    },
  },
};
