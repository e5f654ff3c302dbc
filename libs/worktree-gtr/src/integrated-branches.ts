import { stdinLines } from '@parallel-cc/git';
import { branchHistories } from './branch-history';
import type { BranchHistory } from './branch-history';
import { walkGraph } from './commit-graph';
import { gatherPatchEvidence } from './patch-evidence';
import type { PatchEvidence } from './patch-evidence';
import type { ParentMap } from './parsers/parent-lines';
import { parseReflogStarts } from './parsers/reflog-starts';
import { assertSafeRevision, assertValidBranchName } from './refs';
import { spawnGit } from './git';
import type { GitRunner } from './git';

/**
 * How a branch's work reached its base: its tip is in the base ('ancestor'), one base commit
 * holds its whole change ('squash'; a one-commit branch that was cherry-picked reads so too), or
 * each of its commits has a copy there ('rebase').
 */
export type IntegrationKind = 'ancestor' | 'squash' | 'rebase';

/** Whether a branch is integrated into a base, how, and how many commits it has that the base does not. */
export interface IntegrationStatus {
  integrated: boolean;
  how: IntegrationKind | null;
  ownCommits: number;
}

/** Options of {@link integratedBranches}. */
export interface IntegrationOptions {
  /** Runs each git process (default: {@link spawnGit}); wrap it to count or log them. */
  git?: GitRunner;
}

/**
 * Which of `branches` are integrated into `base`, in ten git processes however many branches
 * there are (twelve when they fork from side lines of the base). A branch is integrated when its
 * tip is in the base and it has moved since its reflog starts ('ancestor': merge or
 * fast-forward; without a reflog every tip in the base counts; a branch made at its own tip, as a
 * sandbox result's is, counts once that tip is in the base off the base's first-parent line),
 * when a base commit since its merge base has the patch id of its whole change ('squash'), or
 * when every non-merge commit of its own has a patch-id twin there ('rebase', cherry-pick). A
 * branch made on the base's line that never had commits of its own is not integrated. Branches
 * that do not exist are left out of the map; an unknown base is a `NOT_FOUND` error.
 */
export async function integratedBranches(
  repoRoot: string,
  branches: string[],
  base: string,
  options: IntegrationOptions = {},
): Promise<Map<string, IntegrationStatus>> {
  const run = options.git ?? spawnGit;
  const names = [...new Set(branches)].map((branch) => assertValidBranchName(branch));
  assertSafeRevision(base, 'base');
  if (names.length === 0) return new Map();
  const { baseCommit, histories, ownGraph, boundaryTimes } = await branchHistories(run, repoRoot, names, base);
  const inBase = [...histories].filter(([, h]) => h.own.size === 0);
  const related = [...histories.values()].filter((h) => h.boundary.size > 0);
  const [starts, evidence] = await Promise.all([
    reflogStarts(run, repoRoot, inBase.map(([branch]) => `refs/heads/${branch}`)),
    related.length === 0 ? null : gatherPatchEvidence(run, repoRoot, baseCommit, related, ownGraph, boundaryTimes),
  ]);
  const judge = evidence ? patchJudge(evidence, ownGraph) : () => null;
  // A branch that never moved since its reflog starts is merged only if its tip came in from a
  // side line (a merge's second parent): made at a commit of its own, like a sandbox result.
  const unmoved = inBase.some(([branch, h]) => starts.get(`refs/heads/${branch}`) === h.tip);
  const mainLine = unmoved ? await firstParentLine(run, repoRoot, baseCommit) : new Set<string>();
  const result = new Map<string, IntegrationStatus>();
  for (const [branch, history] of histories) {
    const start = starts.get(`refs/heads/${branch}`);
    const how: IntegrationKind | null =
      history.own.size === 0 ? (start !== history.tip || !mainLine.has(history.tip) ? 'ancestor' : null) : judge(history);
    result.set(branch, { integrated: how !== null, how, ownCommits: history.own.size });
  }
  return result;
}

// The commits on the base's first-parent line: one `rev-list --first-parent`.
async function firstParentLine(run: GitRunner, dir: string, baseCommit: string): Promise<Set<string>> {
  const out = (await run(dir, ['rev-list', '--first-parent', baseCommit])).toString('utf8');
  return new Set(out.split('\n').filter((line) => line !== ''));
}

// Where each ref's reflog starts: one `log -g` for all of them.
async function reflogStarts(run: GitRunner, dir: string, refs: string[]): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  return parseReflogStarts((await run(dir, ['log', '-g', '--stdin', '--format=%H %gD'], stdinLines(refs))).toString('utf8'));
}

// Decides 'squash' or 'rebase' for a branch with commits of its own. A patch counts only when a
// base commit that its merge bases lack carries it: a change the base had before the fork (say,
// a revert of a revert) does not.
function patchJudge(evidence: PatchEvidence, ownGraph: ParentMap): (h: BranchHistory) => IntegrationKind | null {
  // The base commits at or below a branch's boundary, walked once per boundary set, and only
  // for branches that have a patch twin at all (most have none).
  const below = new Map<string, Set<string>>();
  const belowOf = (history: BranchHistory): Set<string> => {
    const key = [...history.boundary].sort().join(' ');
    const known = below.get(key) ?? walkGraph(evidence.baseGraph, history.boundary).inside;
    below.set(key, known);
    return known;
  };
  return (history) => {
    const arrived = (patch: string | undefined): boolean => {
      const commits = patch === undefined ? undefined : evidence.baseCommitsByPatch.get(patch);
      return commits !== undefined && commits.some((commit) => !belowOf(history).has(commit));
    };
    if (arrived(evidence.squashPatch.get(history.tip))) return 'squash';
    const changes = [...history.own].filter((commit) => (ownGraph.get(commit)?.length ?? 2) <= 1);
    return changes.length > 0 && changes.every((commit) => arrived(evidence.commitPatch.get(commit))) ? 'rebase' : null;
  };
}
