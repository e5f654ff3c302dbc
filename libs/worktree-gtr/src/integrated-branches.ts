import { stdinLines } from '@parallel-cc/git';
import { branchHistories } from './branch-history';
import type { BranchHistory } from './branch-history';
import { walkGraph } from './commit-graph';
import { gatherPatchEvidence } from './patch-evidence';
import type { PatchEvidence } from './patch-evidence';
import type { ParentMap } from './parsers/parent-lines';
import { parseReflogs } from './parsers/reflogs';
import type { ReflogEntry } from './parsers/reflogs';
import { ownTips } from './own-tips';
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
 * there are (up to thirteen when they fork from side lines of the base, or caught up with it after
 * work of their own). A branch is integrated when its
 * tip is in the base and work of its own reached the base ('ancestor': merge or fast-forward): a
 * commit its reflog moved it to that the base's reflog did not hold before, not a catch-up with
 * the base (a fast-forward, a rebase with nothing of its own, a reset); without a reflog every tip
 * in the base counts; a branch made at its own tip, as a sandbox result's is, counts once that tip
 * is in the base off the base's first-parent line),
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
  const [reflogs, evidence] = await Promise.all([
    readReflogs(run, repoRoot, inBase.map(([branch]) => `refs/heads/${branch}`), base),
    related.length === 0 ? null : gatherPatchEvidence(run, repoRoot, baseCommit, related, ownGraph, boundaryTimes),
  ]);
  const judge = evidence ? patchJudge(evidence, ownGraph) : () => null;
  const baseLog = reflogs.get(base) ?? [];
  // What each branch in the base held of its own since its reflog starts (see ownTips).
  const heldOwn = new Map(
    inBase.flatMap(([branch]) => {
      const log = reflogs.get(`refs/heads/${branch}`);
      return log ? [[branch, { start: log.at(-1)!.commit, own: ownTips(log.slice(0, -1), baseLog) }] as const] : [];
    }),
  );
  // A branch that never moved since its reflog starts is merged only if its tip came in from a
  // side line (a merge's second parent): made at a commit of its own, like a sandbox result.
  const unmoved = inBase.some(([branch, h]) => heldOwn.get(branch)?.start === h.tip);
  // A branch that moved on to the base after work of its own (the base merged it, then the
  // branch caught up) is merged if that work is in the base.
  const earlierOwn = inBase.flatMap(([branch, h]) => {
    const held = heldOwn.get(branch);
    return held && held.start !== h.tip && held.own.length > 0 && held.own[0] !== h.tip ? held.own : [];
  });
  const [mainLine, outsideBase] = await Promise.all([
    unmoved ? firstParentLine(run, repoRoot, baseCommit) : new Set<string>(),
    earlierOwn.length > 0 ? notInBase(run, repoRoot, baseCommit, earlierOwn) : new Set<string>(),
  ]);
  const movedInto = (branch: string, tip: string): boolean => {
    const held = heldOwn.get(branch);
    if (!held) return true;
    if (held.start === tip) return !mainLine.has(tip);
    return held.own.some((commit) => commit === tip || !outsideBase.has(commit));
  };
  const result = new Map<string, IntegrationStatus>();
  for (const [branch, history] of histories) {
    const how: IntegrationKind | null = history.own.size === 0 ? (movedInto(branch, history.tip) ? 'ancestor' : null) : judge(history);
    result.set(branch, { integrated: how !== null, how, ownCommits: history.own.size });
  }
  return result;
}

// The commits on the base's first-parent line: one `rev-list --first-parent`.
async function firstParentLine(run: GitRunner, dir: string, baseCommit: string): Promise<Set<string>> {
  const out = (await run(dir, ['rev-list', '--first-parent', baseCommit])).toString('utf8');
  return new Set(out.split('\n').filter((line) => line !== ''));
}

// The reflogs of `refs` and of the base (under the name it was given; nothing for a commit id or
// an expression, which have none): one `log -g` for all of them.
async function readReflogs(run: GitRunner, dir: string, refs: string[], base: string): Promise<Map<string, ReflogEntry[]>> {
  if (refs.length === 0) return new Map();
  const format = ['log', '-g', '--stdin', '--date=unix', '--format=%H%x00%gD%x00%gs'];
  return parseReflogs((await run(dir, format, stdinLines([...new Set([...refs, base])]))).toString('utf8'));
}

// Which of `commits` the base lacks: one `rev-list` of what they reach and the base does not.
async function notInBase(run: GitRunner, dir: string, baseCommit: string, commits: string[]): Promise<Set<string>> {
  const out = (await run(dir, ['rev-list', '--stdin'], stdinLines([...new Set(commits), `^${baseCommit}`]))).toString('utf8');
  const listed = new Set(out.split('\n'));
  return new Set(commits.filter((commit) => listed.has(commit)));
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
