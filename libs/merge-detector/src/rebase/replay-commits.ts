import { parseMergeTree, TOOL_IDENTITY } from '@parallel-cc/git';
import { gitAt, gitOutputAt } from '../git/git-place';
import type { GitPlace } from '../git/git-place';

/** Most commits replayed in thought: a longer branch is predicted by its end result alone. */
export const MAX_REPLAYED = 100;

/** The commit a replayed rebase would stop at, and on which files. */
export interface ReplayStop {
  commit: string;
  subject: string;
  files: string[];
}

/**
 * Replays, in thought, the commits `git rebase onto` would pick (HEAD's commits the other side
 * lacks, merges and those already upstream left out, as git leaves them), each as a cherry-pick
 * onto the result so far: a commit whose tree is the result, parented on the picked commit's
 * parent, merged with the picked commit by `git merge-tree` (their merge base is that parent, as a
 * cherry-pick's is). Nothing is written but unreachable objects; no ref, index or work tree
 * changes. The first commit that would stop the rebase, or null when every one applies; `skipped`
 * when the branch has more than {@link MAX_REPLAYED} commits or a root commit to pick.
 */
export async function replayCommits(worktree: string, onto: string, env?: NodeJS.ProcessEnv): Promise<ReplayStop | null | 'skipped'> {
  const place: GitPlace = { dir: worktree, env };
  const listing = await gitOutputAt(place, ['rev-list', '--reverse', '--no-merges', '--right-only', '--cherry-pick', '--parents', `${onto}...HEAD`]);
  const picks = listing.split('\n').filter((line) => line !== '').map((line) => line.split(' '));
  if (picks.length > MAX_REPLAYED || picks.some((ids) => ids.length < 2)) return 'skipped';
  const withIdentity: GitPlace = { dir: worktree, env: { ...(env ?? process.env), ...TOOL_IDENTITY } };
  let tree = (await gitOutputAt(place, ['rev-parse', '--verify', '--end-of-options', `${onto}^{tree}`])).trim();
  for (const [commit = '', parent = ''] of picks) {
    const stand = (await gitOutputAt(withIdentity, ['commit-tree', '--no-gpg-sign', '-p', parent, '-m', 'parallel-cc: rebase replay', tree])).trim();
    const merged = await gitAt(place, ['merge-tree', '--write-tree', '-z', '--messages', '--end-of-options', stand, commit]);
    const parsed = merged.exitCode <= 1 ? parseMergeTree(merged.stdout) : null;
    if (parsed === null) return 'skipped';
    if (merged.exitCode === 1) {
      const subject = (await gitOutputAt(place, ['log', '-1', '--format=%s', commit])).trim();
      return { commit, subject, files: [...new Set(parsed.entries.map((entry) => entry.path))] };
    }
    tree = parsed.tree;
  }
  return null;
}
