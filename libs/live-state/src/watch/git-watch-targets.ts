import * as fs from 'node:fs';
import * as path from 'node:path';

/** A folder to watch and which of its entries matter (by the name fs.watch reports, relative to the folder). */
export interface WatchTarget {
  dir: string;
  recursive: boolean;
  accept(name: string): boolean;
}

const notLock = (name: string) => !name.endsWith('.lock');
const oneOf = (...names: string[]) => (name: string) => names.includes(name);

/**
 * The folders of a repository's git dir whose changes can change a conflict matrix: HEAD, the
 * index and packed refs; the branches (`refs/heads`, all depths); the reflog of HEAD; and each
 * worktree's HEAD and index (`worktrees/<name>`), plus the `worktrees` folder itself so that a
 * new worktree is noticed. Objects are never watched: a preview writes objects itself.
 */
export function gitWatchTargets(gitDir: string): WatchTarget[] {
  const targets: WatchTarget[] = [
    { dir: gitDir, recursive: false, accept: oneOf('HEAD', 'index', 'packed-refs') },
    { dir: path.join(gitDir, 'refs', 'heads'), recursive: true, accept: notLock },
    { dir: path.join(gitDir, 'logs'), recursive: false, accept: oneOf('HEAD') },
  ];
  const worktrees = path.join(gitDir, 'worktrees');
  if (isDir(worktrees)) {
    targets.push({ dir: worktrees, recursive: false, accept: () => true });
    for (const name of fs.readdirSync(worktrees)) {
      const dir = path.join(worktrees, name);
      if (isDir(dir)) targets.push({ dir, recursive: false, accept: oneOf('HEAD', 'index') });
    }
  }
  return targets.filter((t) => isDir(t.dir));
}

/** The git dir of a main checkout (`<repo>/.git`), or null when there is none to watch. */
export function gitDirOf(repoPath: string): string | null {
  const dir = path.join(repoPath, '.git');
  return isDir(dir) ? dir : null;
}

function isDir(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
