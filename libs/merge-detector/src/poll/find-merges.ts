import { integratedBranches } from '@parallel-cc/worktree-gtr';
import { plural } from '@parallel-cc/core-sessions';
import type { MergeHow } from '../db/schema';
import { refTips } from '../git/ref-tips';
import { commitOf } from '../git/commit-of';
import type { GitPlace } from '../git/git-place';
import type { Interest } from './interests';

/** A branch found integrated into a target during a poll. */
export interface Verdict {
  branch: string;
  /** The target as the session or subscription named it. */
  target: string;
  /** The ref that held the work: the target itself, or its remote-tracking counterpart. */
  seenIn: string;
  tip: string;
  targetCommit: string;
  how: MergeHow;
}

/** What {@link findMerges} found, and what it could not check. */
export interface Findings {
  verdicts: Verdict[];
  warnings: string[];
}

/**
 * Which interests are merged, with one `integratedBranches` call per target ref, so the number of
 * git processes depends on the number of targets, never on the number of branches. With a
 * `remote`, a target that has a remote-tracking counterpart (`main` → `refs/remotes/origin/main`)
 * is checked there too, so merges made on the server count before anyone pulls. Branches whose
 * tip moved while they were checked are left for the next poll.
 */
export async function findMerges(place: GitPlace, interests: Interest[], remote: string | null): Promise<Findings> {
  const before = await refTips(place, ['refs/heads/', ...(remote ? [`refs/remotes/${remote}/`] : [])]);
  const verdicts: Verdict[] = [];
  const warnings: string[] = [];
  for (const [target, branches] of groupByTarget(interests)) {
    let pending = branches.filter((branch) => before.has(`refs/heads/${branch}`));
    const refs = refsToCheck(target, remote, before);
    const missing: string[] = [];
    for (const ref of refs) {
      if (pending.length === 0) break;
      const targetCommit = await commitOf(place, ref);
      if (targetCommit === null) {
        missing.push(ref);
        continue;
      }
      try {
        const statuses = await integratedBranches(place.dir, pending, ref);
        for (const branch of pending) {
          const status = statuses.get(branch);
          const tip = before.get(`refs/heads/${branch}`);
          if (status?.how && tip) verdicts.push({ branch, target, seenIn: ref, tip, targetCommit, how: status.how });
        }
        pending = pending.filter((branch) => !statuses.get(branch)?.integrated);
      } catch (error) {
        warnings.push(`Checking branches against ${ref} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (missing.length === refs.length) {
      warnings.push(`The target ${target} does not exist in ${place.dir}; its ${plural(branches.length, 'branch', 'branches')} ${branches.length === 1 ? 'was' : 'were'} not checked.`);
    }
  }
  const after = await refTips(place, ['refs/heads/']);
  return { verdicts: verdicts.filter((v) => after.get(`refs/heads/${v.branch}`) === v.tip), warnings };
}

function groupByTarget(interests: Interest[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const { branch, target } of interests) {
    const group = groups.get(target);
    if (group) group.push(branch);
    else groups.set(target, [branch]);
  }
  return groups;
}

function refsToCheck(target: string, remote: string | null, tips: Map<string, string>): string[] {
  if (!remote || target.startsWith('refs/') || target.startsWith(`${remote}/`)) return [target];
  const tracking = `refs/remotes/${remote}/${target}`;
  return tips.has(tracking) ? [target, tracking] : [target];
}
