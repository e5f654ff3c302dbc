import { parseStatusPorcelain } from '@parallel-cc/git';
import { runGit, tryGit } from './git';

/** Why a worktree cannot be removed without losing work, or an empty list when it can. */
export async function unsavedWork(worktreePath: string): Promise<string[]> {
  const reasons: string[] = [];
  const status = await runGit(worktreePath, ['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  const entries = parseStatusPorcelain(status);
  const untracked = entries.filter((e) => e.code === '??').length;
  const changed = entries.length - untracked;
  if (changed > 0) reasons.push(`${changed} uncommitted change${changed === 1 ? '' : 's'}`);
  if (untracked > 0) reasons.push(`${untracked} untracked file${untracked === 1 ? '' : 's'}`);
  if ((await tryGit(worktreePath, ['symbolic-ref', '-q', 'HEAD'])) === null) {
    // Commits made on a detached HEAD live only in this worktree's reflog.
    const holders = await runGit(worktreePath, ['for-each-ref', '--count=1', '--contains', 'HEAD', 'refs/heads/']);
    if (!holders.trim()) reasons.push('a detached HEAD whose commits are on no branch');
  }
  return reasons;
}

/** The branch checked out in the worktree at `worktreePath`, or null when detached. */
export async function currentBranch(worktreePath: string): Promise<string | null> {
  return (await tryGit(worktreePath, ['symbolic-ref', '-q', '--short', 'HEAD']))?.trim() || null;
}
