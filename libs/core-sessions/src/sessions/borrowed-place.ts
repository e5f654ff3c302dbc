import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SessionsTable } from '../db/schema';

/**
 * Whether the worktree a session borrowed (one parallel-cc did not make: the user's, or Claude
 * Code's from before install) may be removed with it: only when that loses nothing and the work
 * landed, i.e. it is clean, still on its branch, and that branch is integrated into its base (a
 * branch without commits of its own is not: the user made it to work in). Any doubt keeps it.
 */
export async function borrowedPlaceMayGo(row: SessionsTable): Promise<boolean> {
  if (row.is_main_repo === 1 || !row.branch || !fs.existsSync(row.worktree_path)) return false;
  const wt = await import('@parallel-cc/worktree-gtr');
  try {
    if ((await wt.currentBranch(row.worktree_path)) !== row.branch) return false;
    if ((await wt.unsavedWork(row.worktree_path)).length > 0) return false;
    return await wt.isIntegrated(row.repo_path, row.branch, row.base_branch);
  } catch {
    return false;
  }
}

/**
 * Whether a worktree made for Claude Code holds commits `claude -w NAME` would resume with: it
 * exists and its branch has commits of its own not yet integrated into its base. Any doubt says yes.
 */
export async function holdsCommitsToResume(row: SessionsTable): Promise<boolean> {
  if (!row.branch || !fs.existsSync(row.worktree_path) || !fs.existsSync(path.join(row.repo_path, '.git'))) return false;
  const wt = await import('@parallel-cc/worktree-gtr');
  try {
    if ((await wt.countOwnCommits(row.repo_path, row.branch, row.base_branch)) === 0) return false;
    return !(await wt.isIntegrated(row.repo_path, row.branch, row.base_branch));
  } catch {
    return true;
  }
}
