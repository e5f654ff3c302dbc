import { stdinLines } from '@parallel-cc/git';
import type { BranchHistory } from './branch-history';
import { descendantsOf, newestCommits } from './commit-graph';
import { WorktreeError } from './errors';
import { parseParentLines } from './parsers/parent-lines';
import type { ParentMap } from './parsers/parent-lines';
import { patchIdsOf } from './patch-id-pipeline';
import type { GitRunner } from './git';

/** The base's commits since the branches left it and the patch ids that tell whether their changes arrived. */
export interface PatchEvidence {
  /** The base's commits that any of the branches' merge bases lacks, with their parents. */
  baseGraph: ParentMap;
  /** Patch id → the commits of `baseGraph` with that change. */
  baseCommitsByPatch: Map<string, string[]>;
  /** Patch id of each non-merge commit of `baseGraph` and of the branches. */
  commitPatch: Map<string, string>;
  /** Patch id of each branch's whole change (merge base → tip), keyed by tip; absent when it has no single merge base. */
  squashPatch: Map<string, string>;
  /** Each branch tip's merge base with the base, when there is exactly one. */
  mergeBase: Map<string, string>;
}

/**
 * Gathers patch ids for branches that have commits of their own, in five git processes (seven at
 * worst): `rev-list --parents <base> ^<bottom>` lists the base's commits since a commit below all
 * the branches' boundary commits, and two `diff-tree --stdin -p | patch-id --stable` pipelines
 * take every non-merge commit on both sides and every `<tip> <merge base>` pair (the squashed
 * change). The bottom is the oldest boundary commit by date when the listing shows it below all
 * the others (the usual case: branches forked from the base's first-parent line); otherwise
 * `merge-base --octopus` finds one and the base is listed again.
 */
export async function gatherPatchEvidence(
  run: GitRunner,
  dir: string,
  baseCommit: string,
  branches: BranchHistory[],
  ownGraph: ParentMap,
  boundaryTimes: Map<string, number>,
): Promise<PatchEvidence> {
  const boundaries = new Set(branches.flatMap((b) => [...b.boundary]));
  const listBase = async (bottom: string | null): Promise<ParentMap> => {
    const revisions = bottom ? [baseCommit, `^${bottom}`] : [baseCommit];
    return parseParentLines((await run(dir, ['rev-list', '--parents', '--stdin'], stdinLines(revisions))).toString('utf8'));
  };
  const byTime = (a: string, b: string) => (boundaryTimes.get(a) ?? 0) - (boundaryTimes.get(b) ?? 0);
  const oldest = [...boundaries].sort(byTime)[0] ?? null;
  let baseGraph = await listBase(oldest);
  if (oldest && !isBelowAll(baseGraph, oldest, boundaries)) {
    baseGraph = await listBase(await commonAncestor(run, dir, boundaries));
  }
  const mergeBase = new Map<string, string>();
  for (const branch of branches) {
    const newest = newestCommits(baseGraph, branch.boundary);
    if (newest.length === 1 && newest[0]) mergeBase.set(branch.tip, newest[0]);
  }
  const nonMerge = (graph: ParentMap, commits: Iterable<string>) => [...commits].filter((c) => (graph.get(c)?.length ?? 2) <= 1);
  const ownCommits = new Set(branches.flatMap((b) => [...b.own]));
  const [commitPatch, squashPatch] = await Promise.all([
    patchIdsOf(run, dir, [...nonMerge(baseGraph, baseGraph.keys()), ...nonMerge(ownGraph, ownCommits)]),
    patchIdsOf(run, dir, [...mergeBase].map(([tip, base]) => `${tip} ${base}`)),
  ]);
  const baseCommitsByPatch = new Map<string, string[]>();
  for (const commit of baseGraph.keys()) {
    const patch = commitPatch.get(commit);
    const list = patch ? baseCommitsByPatch.get(patch) : undefined;
    if (list) list.push(commit);
    else if (patch) baseCommitsByPatch.set(patch, [commit]);
  }
  return { baseGraph, baseCommitsByPatch, commitPatch, squashPatch, mergeBase };
}

// Whether every one of `commits` is `bottom` or reaches it: then the base's commits since
// `bottom` include the base's commits since each of them.
function isBelowAll(graph: ParentMap, bottom: string, commits: Set<string>): boolean {
  const above = descendantsOf(graph, bottom);
  return [...commits].every((commit) => commit === bottom || above.has(commit));
}

// A commit below all of `commits`. No common ancestor (a base made of unrelated histories)
// means listing all of the base.
async function commonAncestor(run: GitRunner, dir: string, commits: Set<string>): Promise<string | null> {
  try {
    const out = (await run(dir, ['merge-base', '--octopus', ...commits])).toString('utf8').trim();
    return out.split('\n')[0] || null;
  } catch (error) {
    if (error instanceof WorktreeError && error.data['exitCode'] === 1) return null;
    throw error;
  }
}
