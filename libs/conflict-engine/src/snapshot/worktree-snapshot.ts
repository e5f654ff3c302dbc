import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitErrorsAs, gitOutput, TOOL_IDENTITY } from '@parallel-cc/git';
import { ConflictEngineError } from '../errors';
import { sharedSnapshotCache } from './snapshot-cache';
import type { SnapshotCache } from './snapshot-cache';
import { parseStatusV2 } from './status-v2';
import { indexFileOf, stateKey } from './work-tree-state';

/** The message of every snapshot commit: what tells one from a commit someone made. */
export const SNAPSHOT_MESSAGE = 'parallel-cc: work in progress (snapshot)';

/** A work tree's current state as a commit that merge-tree can compare: its work in progress included. */
export interface WorktreeSnapshot {
  worktree: string;
  /** The commit HEAD points at. */
  head: string;
  /** The branch checked out now (without refs/heads/); null on a detached HEAD. */
  branch: string | null;
  /** HEAD itself when nothing is uncommitted; else a commit of the work tree's state whose only parent is HEAD. */
  commit: string;
  /** Paths whose content differs from HEAD: staged and unstaged changes, untracked files (not ignored ones), a rename's both paths. */
  uncommitted: string[];
  /** Whether this is the cached snapshot of an unchanged work tree (no snapshot was written). */
  reused: boolean;
}

/** Options of {@link snapshotWorktree}. */
export interface SnapshotOptions {
  /** Where snapshots are remembered by the work tree's state (default: one cache for the whole process). */
  cache?: SnapshotCache;
  /** The environment git runs with (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Snapshots the work tree at `worktree` (its top folder) as a commit, without touching its index
 * or its files: the real index is copied to a temporary index file (`GIT_INDEX_FILE`), `git add -A`
 * fills the copy with the work tree's tracked changes and untracked files (ignored ones stay out;
 * only the paths status named, taken literally),
 * `write-tree` and `commit-tree` (parent HEAD) make the commit. A clean work tree is HEAD itself.
 * One `git status` (which takes no lock and never rewrites the index) decides whether anything
 * changed since the cached snapshot: a quiet work tree costs that one process. Fails with
 * `NO_WORKTREE` when the folder is not a work tree, `UNKNOWN_REF` when HEAD has no commit yet,
 * `GIT_FAILED` when git does.
 */
export async function snapshotWorktree(worktree: string, options: SnapshotOptions = {}): Promise<WorktreeSnapshot> {
  const cache = options.cache ?? sharedSnapshotCache();
  const env = gitEnvironment(options.env ?? process.env);
  let indexFile: string;
  try {
    indexFile = indexFileOf(worktree);
  } catch {
    throw new ConflictEngineError('NO_WORKTREE', `${worktree} is not the top folder of a git work tree.`, { worktree });
  }
  const status = await git(worktree, ['--no-optional-locks', 'status', '--porcelain=v2', '--branch', '-z', '--untracked-files=all'], env);
  const { head, branch, paths } = parseStatusV2(status);
  if (head === null) throw new ConflictEngineError('UNKNOWN_REF', `The work tree ${worktree} has no commit yet: nothing to compare.`, { worktree });
  if (paths.length === 0) return { worktree, head, branch, commit: head, uncommitted: [], reused: false };
  const key = stateKey(worktree, status, indexFile, paths);
  const cached = cache.get(worktree, key);
  if (cached) return { ...cached, reused: true };
  const commit = await snapshotCommit(worktree, head, indexFile, paths, env);
  const snapshot = { worktree, head, branch, commit, uncommitted: [...new Set(paths)], reused: false };
  cache.set(worktree, key, snapshot);
  return snapshot;
}

async function snapshotCommit(worktree: string, head: string, indexFile: string, paths: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-snapshot-'));
  try {
    const index = path.join(folder, 'index');
    copyIndex(indexFile, index);
    const withIndex = { ...env, GIT_INDEX_FILE: index, GIT_LITERAL_PATHSPECS: '1' };
    // Only the paths status named: `add -A` need not walk the whole work tree a second time.
    await git(worktree, ['add', '-A', '--pathspec-from-file=-', '--pathspec-file-nul'], withIndex, `${paths.join('\0')}\0`);
    const tree = (await git(worktree, ['write-tree'], withIndex)).trim();
    return (await git(worktree, ['commit-tree', '--no-gpg-sign', '-p', head, '-m', SNAPSHOT_MESSAGE, tree], { ...env, ...TOOL_IDENTITY })).trim();
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

// The copy keeps the index's mtime: git judges "racily clean" entries against the index file's own time.
function copyIndex(from: string, to: string): void {
  try {
    fs.copyFileSync(from, to);
    const { atime, mtime } = fs.statSync(from);
    fs.utimesSync(to, atime, mtime);
  } catch (error) {
    // No index yet (nothing ever staged): `add -A` starts from an empty one.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

// A caller running inside a git hook may carry an index of its own (@parallel-cc/git drops the
// variables naming another repository): the work tree's own index is the one copied.
function gitEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  delete rest.GIT_INDEX_FILE;
  return rest;
}

function git(worktree: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<string> {
  return gitErrorsAs(gitOutput(worktree, args, { env, input }), (error) => new ConflictEngineError('GIT_FAILED', error.message, error.data));
}
