import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SessionsTable } from '../db/schema';

/**
 * What is wrong with a session's place, as `status` can see it without running git:
 * `repository-gone` (moved or deleted), `worktree-missing` (its folder was deleted),
 * `worktree-unlinked` (the folder is there but git no longer knows it, e.g. `.git/worktrees`
 * was emptied), `branch-missing` (its branch was deleted).
 */
export type PlaceProblem = 'repository-gone' | 'worktree-missing' | 'worktree-unlinked' | 'branch-missing';

/** The problem with `row`'s place, or null when its repository, worktree and branch are all there. */
export function placeProblem(row: Pick<SessionsTable, 'repo_path' | 'worktree_path' | 'branch' | 'is_main_repo'>): PlaceProblem | null {
  const gitDir = path.join(row.repo_path, '.git');
  if (!fs.existsSync(gitDir)) return 'repository-gone';
  if (row.is_main_repo === 1) return null;
  if (!fs.existsSync(row.worktree_path)) return 'worktree-missing';
  if (!linked(row.worktree_path)) return 'worktree-unlinked';
  if (row.branch !== null && !branchExists(gitDir, row.branch)) return 'branch-missing';
  return null;
}

function linked(worktree: string): boolean {
  try {
    const match = /^gitdir: (.+)$/m.exec(fs.readFileSync(path.join(worktree, '.git'), 'utf8'));
    return match?.[1] !== undefined && fs.existsSync(path.resolve(worktree, match[1].trim()));
  } catch {
    return false;
  }
}

// A loose ref file or a line of packed-refs: reading two files is far cheaper than starting git.
function branchExists(gitDir: string, branch: string): boolean {
  if (fs.existsSync(path.join(gitDir, 'reftable'))) return true; // not readable without git: assume present
  if (fs.existsSync(path.join(gitDir, 'refs', 'heads', branch))) return true;
  try {
    return fs.readFileSync(path.join(gitDir, 'packed-refs'), 'utf8').split('\n').some((line) => line.endsWith(` refs/heads/${branch}`));
  } catch {
    return false;
  }
}
