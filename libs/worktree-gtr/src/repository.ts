import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseWorktreeList } from '@parallel-cc/git';
import { WorktreeError } from './errors';
import { runGit, tryGit } from './git';

/** A git repository as seen from some folder inside it. */
export interface Repository {
  /** The main checkout: the same from every worktree and subfolder of the repository. */
  root: string;
  /** The top of the checkout (main or worktree) that the folder belongs to. */
  toplevel: string;
  /** The folder relative to `toplevel` ('' at the top). */
  subdir: string;
  /** The branch checked out in the main checkout, or its commit when detached. */
  mainBranch: string;
  /** Whether the main checkout's HEAD is detached. */
  mainDetached: boolean;
}

/** Identifies the repository that `dir` belongs to, from any worktree or subfolder of it. */
export async function resolveRepository(dir: string): Promise<Repository> {
  if (dir.includes('\uFFFD')) {
    // Bytes of argv that are not UTF-8 reach Node as U+FFFD: the folder named is not the one meant.
    throw new WorktreeError('INVALID_INPUT', `The folder ${JSON.stringify(dir)} contains U+FFFD, the mark of bytes that are not valid UTF-8: give a path that is valid UTF-8.`, { path: dir });
  }
  const absolute = path.resolve(dir);
  if (!fs.existsSync(absolute)) {
    throw new WorktreeError('NOT_FOUND', `The folder ${absolute} does not exist.`, { path: absolute });
  }
  if (!fs.statSync(absolute).isDirectory()) {
    throw new WorktreeError('NOT_FOUND', `${absolute} is not a folder.`, { path: absolute });
  }
  const out = await tryGit(absolute, [
    'rev-parse',
    '--path-format=absolute',
    '--git-common-dir',
    '--show-toplevel',
    '--show-prefix',
  ]);
  if (out === null) {
    throw new WorktreeError('NOT_A_REPOSITORY', `${absolute} is not inside a git repository with a work tree.`, {
      path: absolute,
    });
  }
  const [commonDir = '', toplevel = '', prefix = ''] = out.split('\n');
  if (path.basename(commonDir) !== '.git') {
    throw new WorktreeError(
      'UNSUPPORTED_REPOSITORY',
      `${absolute} belongs to a repository whose git directory is ${commonDir}; only repositories with a .git folder in their main checkout are supported.`,
      { path: absolute, commonDir },
    );
  }
  const root = fs.realpathSync(path.dirname(commonDir));
  const head = await mainCheckoutHead(root);
  return {
    root,
    toplevel: fs.realpathSync(toplevel),
    subdir: prefix.replace(/\/$/, ''),
    mainBranch: head.branch,
    mainDetached: head.detached,
  };
}

async function mainCheckoutHead(root: string): Promise<{ branch: string; detached: boolean }> {
  const commit = await tryGit(root, ['rev-parse', '--verify', '-q', 'HEAD^{commit}']);
  if (commit === null) {
    throw new WorktreeError('NO_COMMITS', `The repository at ${root} has no commits yet; commit once first.`, {
      root,
    });
  }
  const branch = await tryGit(root, ['symbolic-ref', '-q', '--short', 'HEAD']);
  if (branch !== null && branch.trim()) return { branch: branch.trim(), detached: false };
  return { branch: commit.trim(), detached: true };
}

/** Whether `ref` names an existing commit in the repository at `root`. */
export async function refExists(root: string, ref: string): Promise<boolean> {
  return (await tryGit(root, ['rev-parse', '--verify', '-q', `${ref}^{commit}`])) !== null;
}

/** Whether the local branch `branch` exists. */
export async function branchExists(root: string, branch: string): Promise<boolean> {
  return (await tryGit(root, ['show-ref', '--verify', '-q', `refs/heads/${branch}`])) !== null;
}

/** The path of the worktree that has `branch` checked out, or null. */
export async function findWorktreeOfBranch(root: string, branch: string): Promise<string | null> {
  const list = parseWorktreeList(await runGit(root, ['worktree', 'list', '--porcelain', '-z']));
  return list.find((w) => w.branch === branch)?.path ?? null;
}
