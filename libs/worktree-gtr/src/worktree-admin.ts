import * as fs from 'node:fs';
import * as path from 'node:path';

/** The admin folder (`.git/worktrees/<name>`) that a linked worktree's `.git` file points to, or null. */
export function linkedGitDir(worktree: string): string | null {
  try {
    const match = /^gitdir: (.+)$/m.exec(fs.readFileSync(path.join(worktree, '.git'), 'utf8'));
    return match?.[1] ? path.resolve(worktree, match[1].trim()) : null;
  } catch {
    return null;
  }
}

/**
 * Why git has locked the linked worktree at `worktree` ('' when locked without a reason), or null
 * when it is not locked. `git worktree add` locks a new worktree as `initializing` until it is
 * checked out: a worktree still locked so was left half made by a `git worktree add` that died.
 */
export function lockReason(worktree: string): string | null {
  const gitDir = linkedGitDir(worktree);
  if (!gitDir) return null;
  try {
    return fs.readFileSync(path.join(gitDir, 'locked'), 'utf8').trim();
  } catch {
    return null;
  }
}

/** git's lock reason on a worktree whose `git worktree add` never finished. */
export const HALF_MADE_LOCK = 'initializing';
