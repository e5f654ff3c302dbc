import { runGit } from './git';
import { integratedBranches } from './integrated-branches';

/** How many commits `branch` has that `base` does not. */
export async function countOwnCommits(repoRoot: string, branch: string, base: string): Promise<number> {
  const out = await runGit(repoRoot, ['rev-list', '--count', `refs/heads/${branch}`, `^${base}`, '--']);
  return Number(out.trim());
}

/**
 * Whether `branch` is integrated into `base`: merged or fast-forwarded (its tip is in the base),
 * squash-merged, or rebased or cherry-picked commit by commit. A branch that never had commits of
 * its own, or that does not exist, is not. {@link integratedBranches} checks many at once.
 */
export async function isIntegrated(repoRoot: string, branch: string, base: string): Promise<boolean> {
  return (await integratedBranches(repoRoot, [branch], base)).get(branch)?.integrated ?? false;
}
