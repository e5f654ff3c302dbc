import { parseWorktreeList } from '@parallel-cc/git';
import { runGit } from '../git';

/** The folder where `branch` is checked out in the repository of `repo` (main checkout or linked worktree), or null. */
export async function worktreeOfBranch(repo: string, branch: string): Promise<string | null> {
  const list = await runGit(repo, ['worktree', 'list', '--porcelain', '-z']);
  if (list.exitCode !== 0) return null;
  return parseWorktreeList(list.stdout).find((entry) => entry.branch === branch)?.path ?? null;
}
