import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { MigrationSet } from './migrations';

/** core-sessions' migrations: the `sessions`, `notifications`, `file_claims`, `kept_leftovers`, `changed_files` and `port_memory` tables. */
export const coreSessionsMigrations: MigrationSet = {
  lib: 'core-sessions',
  table: 'core_sessions_migrations',
  migrations: {
    '0001_sessions': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('repo_path', 'text', (c) => c.notNull())
          .addColumn('worktree_path', 'text', (c) => c.notNull())
          .addColumn('worktree_name', 'text')
          .addColumn('branch', 'text')
          .addColumn('base_branch', 'text', (c) => c.notNull())
          .addColumn('is_main_repo', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('pid', 'integer', (c) => c.notNull())
          .addColumn('pid_started', 'text')
          .addColumn('agent_pid', 'integer')
          .addColumn('agent_started', 'text')
          .addColumn('claude_session_id', 'text')
          .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
          .addColumn('kept_reason', 'text')
          .addColumn('status_changed_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_heartbeat', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_repo_path').on('sessions').column('repo_path').execute();
        await db.schema.createIndex('sessions_pid').on('sessions').column('pid').execute();
        // At most one session holds a repository's main checkout; `kept` rows never do.
        await sql`create unique index sessions_one_main_checkout on sessions (repo_path) where is_main_repo = 1`.execute(db);
        await db.schema.createIndex('sessions_worktree_path').on('sessions').column('worktree_path').unique().execute();
      },
    },
    '0002_notifications_and_origin': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('sessions')
          .addColumn('origin', 'text', (c) => c.notNull().defaultTo('register'))
          .execute();
        await db.schema
          .createTable('notifications')
          .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('delivered_at', 'text')
          .execute();
        await sql`create index notifications_pending on notifications (session_id) where delivered_at is null`.execute(db);
      },
    },
    '0003_file_claims': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('file_claims')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
          .addColumn('repo_path', 'text', (c) => c.notNull())
          .addColumn('file_path', 'text', (c) => c.notNull())
          .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('EXCLUSIVE', 'SHARED', 'INTENT')`))
          .addColumn('ttl_seconds', 'integer', (c) => c.notNull())
          .addColumn('claimed_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          // Also serves the heartbeat's `where session_id = ?` (its leading column).
          .addUniqueConstraint('file_claims_session_file', ['session_id', 'file_path'])
          .execute();
        await db.schema.createIndex('file_claims_repo_file').on('file_claims').columns(['repo_path', 'file_path']).execute();
      },
    },
    '0004_kept_leftovers': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('kept_leftovers')
          .addColumn('repo_path', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('branch', 'text')
          .addColumn('reasons', 'text', (c) => c.notNull())
          .addColumn('kept_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('kept_leftovers_key', ['repo_path', 'kind', 'name'])
          .execute();
      },
    },
    '0005_status_owner': {
      async up(db: Kysely<unknown>) {
        // The process that marked a row `registering` or `releasing`: once it is dead, the mark is taken over at once.
        await db.schema.alterTable('sessions').addColumn('status_owner_pid', 'integer').execute();
        await db.schema.alterTable('sessions').addColumn('status_owner_started', 'text').execute();
      },
    },
    '0006_origins_and_parent': {
      async up(db: Kysely<unknown>) {
        // The origins are named for how a session started, not for which code path wrote the row.
        // The column's default stays 'register' (SQLite changes a default only by rebuilding the table): every insert names its origin.
        await sql`update sessions set origin = 'wrapper' where origin = 'register'`.execute(db);
        await sql`update sessions set origin = 'adopted' where origin = 'hook'`.execute(db);
        // A subagent's session outlives its parent's row: the link is cleared, the child stays.
        await db.schema
          .alterTable('sessions')
          .addColumn('parent_session_id', 'text', (c) => c.references('sessions.id').onDelete('set null'))
          .execute();
        await db.schema.createIndex('sessions_parent_session_id').on('sessions').column('parent_session_id').execute();
      },
    },
    '0007_shared_places': {
      async up(db: Kysely<unknown>) {
        // A Claude session started in a place another live session holds (a plain `claude` in a busy
        // checkout) is registered as its guest: seen by everyone, owning nothing. Only holders are unique per place.
        await db.schema.alterTable('sessions').addColumn('shares_place_with', 'text').execute();
        await sql`drop index sessions_worktree_path`.execute(db);
        await sql`drop index sessions_one_main_checkout`.execute(db);
        await sql`create unique index sessions_one_holder_per_place on sessions (worktree_path) where shares_place_with is null`.execute(db);
        await sql`create unique index sessions_one_main_checkout on sessions (repo_path) where is_main_repo = 1 and shares_place_with is null`.execute(db);
        await db.schema.createIndex('sessions_worktree_path').on('sessions').column('worktree_path').execute();
      },
    },
    '0008_changed_files': {
      async up(db: Kysely<unknown>) {
        // What each session has changed, file by file, kept by its PostToolUse hook: the edit guard reads it in one indexed query.
        await db.schema
          .createTable('changed_files')
          .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
          .addColumn('repo_path', 'text', (c) => c.notNull())
          .addColumn('file_path', 'text', (c) => c.notNull())
          .addColumn('ranges', 'text', (c) => c.notNull())
          .addColumn('uncommitted', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('changed_files_key', ['session_id', 'file_path'])
          .execute();
        await db.schema.createIndex('changed_files_repo_file').on('changed_files').columns(['repo_path', 'file_path']).execute();
      },
    },
    '0009_ports': {
      async up(db: Kysely<unknown>) {
        // A live session's block of ports; the row's deletion frees it, and a dead or kept row holds none.
        await db.schema.alterTable('sessions').addColumn('port_first', 'integer').execute();
        await db.schema.alterTable('sessions').addColumn('port_last', 'integer').execute();
        // The block a place had last, so that a session in the same folder gets it again when it is free.
        await db.schema
          .createTable('port_memory')
          .addColumn('worktree_path', 'text', (c) => c.primaryKey())
          .addColumn('port_first', 'integer', (c) => c.notNull())
          .addColumn('port_last', 'integer', (c) => c.notNull())
          .addColumn('assigned_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
  },
};
