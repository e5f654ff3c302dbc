import { parseRefTips, stdinLines } from '@parallel-cc/git';
import { walkGraph } from './commit-graph';
import { WorktreeError } from './errors';
import { parseTimedRevList } from './parsers/timed-rev-list';
import type { ParentMap } from './parsers/parent-lines';
import type { GitRunner } from './git';

/** A branch's tip and the commits it has that the base does not. */
export interface BranchHistory {
  tip: string;
  /** Commits reachable from the tip and not from the base, merges included. */
  own: Set<string>;
  /** The base commits those commits grew from (their parents in the base); empty when `own` is, or for unrelated history. */
  boundary: Set<string>;
}

/** Every named branch that exists, with its history against `base`, and the graph of all their own commits. */
export interface BranchHistories {
  baseCommit: string;
  histories: Map<string, BranchHistory>;
  ownGraph: ParentMap;
  /** Committer timestamps of the base commits where the branches' own commits begin. */
  boundaryTimes: Map<string, number>;
}

/**
 * Resolves the branches (`for-each-ref refs/heads/`) and `base` (`rev-parse --verify`) side by
 * side, then lists every branch's own commits, with the boundary commits where they leave the
 * base, in one `rev-list --parents --boundary --timestamp ^base <tips…>`: three git processes for
 * any number of branches. Each branch's share is found by walking that graph from its tip, so
 * stacked branches count their shared commits too (`log --source` tags a commit with one ref only).
 */
export async function branchHistories(
  run: GitRunner,
  dir: string,
  branches: string[],
  base: string,
): Promise<BranchHistories> {
  const [refs, baseCommit] = await Promise.all([
    run(dir, ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads/']).then((out) =>
      parseRefTips(out.toString('utf8')),
    ),
    resolveCommit(run, dir, base),
  ]);
  const existing = branches.flatMap((branch) => {
    const tip = refs.get(`refs/heads/${branch}`);
    return tip ? [[branch, tip] as const] : [];
  });
  const tips = [...new Set(existing.map(([, tip]) => tip))];
  const listing = parseTimedRevList(
    tips.length === 0
      ? ''
      : (await run(dir, ['rev-list', '--parents', '--boundary', '--timestamp', '--stdin'], stdinLines([...tips, `^${baseCommit}`]))).toString('utf8'),
  );
  const histories = new Map<string, BranchHistory>();
  for (const [branch, tip] of existing) {
    const walk = walkGraph(listing.graph, [tip]);
    histories.set(branch, { tip, own: walk.inside, boundary: walk.inside.size > 0 ? walk.edge : new Set() });
  }
  return { baseCommit, histories, ownGraph: listing.graph, boundaryTimes: listing.boundaryTimes };
}

async function resolveCommit(run: GitRunner, dir: string, base: string): Promise<string> {
  try {
    return (await run(dir, ['rev-parse', '--verify', '-q', '--end-of-options', `${base}^{commit}`])).toString('utf8').trim();
  } catch (error) {
    if (!(error instanceof WorktreeError && error.data['exitCode'] === 1)) throw error;
    throw new WorktreeError('NOT_FOUND', `The base ${base} is not a commit in ${dir}.`, { base, dir });
  }
}
