// Helpers shared by this lib's tests (not a test file itself: jest only runs *.test.ts).
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { git, makeRepo, makeTempDir, writeFiles } from '@parallel-cc/test-utils';
import { ConflictEngineError, migrateHistory } from '../src';
import type { ConflictEngineTables } from '../src';

/** Changes to make on one side: files to write, paths to delete, and renames (old → new). */
export interface SideChanges {
  write?: Record<string, string>;
  remove?: string[];
  rename?: Record<string, string>;
}

/** Commits `changes` on a new branch `name` made from main, in the main checkout, and returns to main. */
export function branchWith(repo: string, name: string, changes: SideChanges): string {
  git(repo, 'checkout', '-q', '-b', name, 'main');
  for (const [from, to] of Object.entries(changes.rename ?? {})) git(repo, 'mv', from, to);
  for (const file of changes.remove ?? []) git(repo, 'rm', '-q', file);
  writeFiles(repo, changes.write ?? {});
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', name);
  git(repo, 'checkout', '-q', 'main');
  return git(repo, 'rev-parse', name);
}

/** A repository whose main holds `base`, with branches `ours` and `theirs` made from it. */
export function twoSides(base: Record<string, string>, ours: SideChanges, theirs: SideChanges): string {
  const repo = makeRepo(base);
  branchWith(repo, 'ours', ours);
  branchWith(repo, 'theirs', theirs);
  return repo;
}

/** The blob id of `path` at `rev`. */
export function blob(repo: string, rev: string, path: string): string {
  return git(repo, 'rev-parse', `${rev}:${path}`);
}

/** The error `promise` rejects with; fails the test when it resolves or rejects with something else. */
export async function rejectionOf(promise: Promise<unknown>): Promise<ConflictEngineError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConflictEngineError);
  return error as ConflictEngineError;
}

/** A new SQLite file in a temp folder holding the history tables (destroy it after the test). */
export async function historyDatabase(): Promise<Kysely<ConflictEngineTables>> {
  const db = new Kysely<ConflictEngineTables>({ dialect: new SqliteDialect({ database: new Database(path.join(makeTempDir('pcc-history-'), 'history.db')) }) });
  await migrateHistory(db);
  return db;
}
