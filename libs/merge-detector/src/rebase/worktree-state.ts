import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseStatusPorcelain } from '@parallel-cc/git';
import { MergeDetectorError } from '../errors';
import { gitAt, gitOutputAt } from '../git/git-place';
import type { GitPlace } from '../git/git-place';

/** Throws `NOT_A_REPOSITORY` unless `place.dir` is a folder inside a git work tree. */
export async function assertWorktree(place: GitPlace): Promise<void> {
  if (place.dir.includes('\uFFFD')) {
    // Bytes that are not UTF-8 (in argv, say) reach Node as U+FFFD: the folder named is not the one meant.
    throw new MergeDetectorError('INVALID_INPUT', `The folder ${JSON.stringify(place.dir)} contains U+FFFD, the mark of bytes that are not valid UTF-8: give a path that is valid UTF-8.`, {
      worktree: place.dir,
    });
  }
  const exists = fs.existsSync(place.dir) && fs.statSync(place.dir).isDirectory();
  const inside = exists && (await gitAt(place, ['rev-parse', '--is-inside-work-tree'])).stdout.trim() === 'true';
  if (!inside) {
    throw new MergeDetectorError('NOT_A_REPOSITORY', `${place.dir} is not a folder inside a git worktree.`, { worktree: place.dir });
  }
}

/** Whether a rebase is stopped in this worktree (git's `rebase-merge` or `rebase-apply` folder exists). */
export async function rebaseInProgress(place: GitPlace): Promise<boolean> {
  const out = await gitOutputAt(place, ['rev-parse', '--git-path', 'rebase-merge', '--git-path', 'rebase-apply']);
  return out
    .split('\n')
    .filter(Boolean)
    .some((p) => fs.existsSync(path.resolve(place.dir, p)));
}

/** The unmerged paths of the worktree (`git diff --name-only --diff-filter=U`). */
export async function unmergedFiles(place: GitPlace): Promise<string[]> {
  return (await gitOutputAt(place, ['diff', '--name-only', '--diff-filter=U', '-z'])).split('\0').filter(Boolean);
}

/** Uncommitted changes to tracked files, as `XY path` lines; untracked files do not stop a rebase. */
export async function trackedChanges(place: GitPlace): Promise<string[]> {
  const out = await gitOutputAt(place, ['status', '--porcelain=v1', '-z', '--untracked-files=no']);
  return parseStatusPorcelain(out).map((entry) => `${entry.code} ${entry.path}`);
}
