import { ConflictEngineError } from '../errors';
import { runGit } from '../git';

/** One tip to merge: the name it is reported under and its commit. */
export interface SetTip {
  ref: string;
  oid: string;
}

/** Several tips merged into one commit, and the ones left out because they conflict textually with what was merged before them. */
export interface MergedSet {
  /** The commit of the merged tree (a parentless start when nothing could be merged). */
  commit: string;
  merged: string[];
  /** Tips left out: `ref` would conflict with the merge of `with` (those pairs show as conflicts in the matrix). */
  textual: Array<{ ref: string; with: string[] }>;
}

// Fixed identity and dates: the same tips give the same commits, and no user identity is needed.
const COMMIT_ENV = {
  GIT_AUTHOR_NAME: 'parallel-cc',
  GIT_AUTHOR_EMAIL: 'check@parallel-cc.invalid',
  GIT_COMMITTER_NAME: 'parallel-cc',
  GIT_COMMITTER_EMAIL: 'check@parallel-cc.invalid',
  GIT_AUTHOR_DATE: '1700000000 +0000',
  GIT_COMMITTER_DATE: '1700000000 +0000',
};

/**
 * Merges `tips` one after another onto `start` (or onto the first tip when there is no start)
 * with `git merge-tree --write-tree` and `git commit-tree`: objects only, no ref moved, no
 * checkout touched. A tip that would conflict with what is merged so far is left out.
 */
export async function mergeSet(repo: string, start: string | null, tips: SetTip[]): Promise<MergedSet> {
  const rest = [...tips];
  let commit = start;
  const merged: string[] = [];
  if (commit === null) {
    const first = rest.shift();
    if (!first) throw new ConflictEngineError('INVALID_INPUT', 'There is nothing to merge: give at least one branch or a base.', {});
    commit = first.oid;
    merged.push(first.ref);
  }
  const textual: MergedSet['textual'] = [];
  for (const tip of rest) {
    const tree = await mergeTree(repo, commit, tip.oid);
    if (tree === null) {
      textual.push({ ref: tip.ref, with: [...merged] });
      continue;
    }
    commit = await commitTree(repo, tree, [commit, tip.oid]);
    merged.push(tip.ref);
  }
  return { commit, merged, textual };
}

async function mergeTree(repo: string, ours: string, theirs: string): Promise<string | null> {
  const result = await runGit(repo, ['merge-tree', '--write-tree', '--no-messages', '--name-only', ours, theirs]);
  if (result.exitCode === 1) return null;
  if (result.exitCode !== 0) {
    throw new ConflictEngineError('GIT_FAILED', `git merge-tree of ${ours} and ${theirs} failed: ${result.stderr.trim()}`, { repo, ours, theirs });
  }
  return result.stdout.split('\n')[0]!.trim();
}

async function commitTree(repo: string, tree: string, parents: string[]): Promise<string> {
  const args = ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-m', 'parallel-cc check: merged branches'];
  const result = await runGit(repo, args, { env: { ...process.env, ...COMMIT_ENV } });
  if (result.exitCode !== 0) throw new ConflictEngineError('GIT_FAILED', `git commit-tree failed: ${result.stderr.trim()}`, { repo, tree });
  return result.stdout.trim();
}
