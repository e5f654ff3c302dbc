import { runGit, tryGit } from './git';

/** How many commits `branch` has that `base` does not. */
export async function countOwnCommits(repoRoot: string, branch: string, base: string): Promise<number> {
  const out = await runGit(repoRoot, ['rev-list', '--count', `refs/heads/${branch}`, `^${base}`, '--']);
  return Number(out.trim());
}

/**
 * Whether `branch` is already integrated into `base`: for now, its tip is an ancestor of the
 * base (fast-forward or merge commit).
 */
export async function isIntegrated(repoRoot: string, branch: string, base: string): Promise<boolean> {
  return (await tryGit(repoRoot, ['merge-base', '--is-ancestor', `refs/heads/${branch}`, base])) !== null;
}
