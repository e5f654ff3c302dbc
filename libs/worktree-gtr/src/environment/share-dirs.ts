import * as fs from 'node:fs';
import * as path from 'node:path';
import { cloneTree } from './clone-tree';
import type { CloneMethod } from './clone-tree';

/** What happened to one shared folder. */
export interface SharedDir {
  dir: string;
  status: 'cloned' | 'skipped' | 'refused' | 'failed';
  method: CloneMethod | null;
  files: number;
  ms: number;
  reason: string | null;
}

/** The folders to share: the configured ones, or `node_modules` when the main checkout has one. */
export function dirsToShare(repoRoot: string, configured: string[] | null): string[] {
  if (configured !== null) return configured;
  const nodeModules = fs.lstatSync(path.join(repoRoot, 'node_modules'), { throwIfNoEntry: false });
  return nodeModules?.isDirectory() ? ['node_modules'] : [];
}

/**
 * Clones each of `dirs` (relative to the checkout) from the main checkout into a new worktree
 * (see {@link cloneTree}). An entry that is absolute, leads outside the repository, or is (or
 * passes through) a symbolic link is refused, naming it; one missing in the main checkout, or
 * already in the worktree, is skipped; a failed clone leaves nothing behind. None of these
 * stops the session: each is a result with its reason.
 */
export function shareDirs(repoRoot: string, worktree: string, dirs: string[], prefer: CloneMethod = 'reflink'): SharedDir[] {
  return dirs.map((dir) => shareOne(repoRoot, worktree, dir, prefer));
}

function shareOne(repoRoot: string, worktree: string, dir: string, prefer: CloneMethod): SharedDir {
  const started = Date.now();
  const result = (status: SharedDir['status'], reason: string | null, method: CloneMethod | null = null, files = 0): SharedDir => ({
    dir,
    status,
    method,
    files,
    ms: Date.now() - started,
    reason,
  });
  const relative = path.normalize(dir).replace(/[\\/]+$/, '');
  if (path.isAbsolute(dir)) return result('refused', `shareDirs entry ${JSON.stringify(dir)} is absolute; name a folder inside the repository`);
  if (!relative || relative === '.' || relative.split(path.sep).includes('..') || relative.split(path.sep)[0] === '.git') {
    return result('refused', `shareDirs entry ${JSON.stringify(dir)} leads outside the repository; name a folder inside it`);
  }
  const source = path.join(repoRoot, relative);
  const stat = fs.lstatSync(source, { throwIfNoEntry: false });
  if (!stat) return result('skipped', `${relative} does not exist in the main checkout`);
  const real = fs.realpathSync(source);
  if (stat.isSymbolicLink() || real !== path.join(fs.realpathSync(repoRoot), relative)) {
    return result('refused', `shareDirs entry ${JSON.stringify(dir)} is a symbolic link (or lies under one); links are never followed`);
  }
  if (!stat.isDirectory()) return result('refused', `shareDirs entry ${JSON.stringify(dir)} is not a folder`);
  const target = path.join(worktree, relative);
  if (fs.lstatSync(target, { throwIfNoEntry: false })) return result('skipped', `${relative} already exists in the worktree`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    const made = cloneTree(source, target, prefer);
    return result('cloned', null, made.method, made.files);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return result('failed', `copying ${relative} failed (${e.code ?? e.message}); the half copy was removed: run your install in the worktree`);
  }
}
