import { runGit } from '../git';

/** The folder where `branch` is checked out in the repository of `repo` (main checkout or linked worktree), or null. */
export async function worktreeOfBranch(repo: string, branch: string): Promise<string | null> {
  const list = await runGit(repo, ['worktree', 'list', '--porcelain', '-z']);
  if (list.exitCode !== 0) return null;
  let folder: string | null = null;
  for (const field of list.stdout.split('\0')) {
    if (field.startsWith('worktree ')) folder = field.slice('worktree '.length);
    else if (field === `branch refs/heads/${branch}`) return folder;
  }
  return null;
}
