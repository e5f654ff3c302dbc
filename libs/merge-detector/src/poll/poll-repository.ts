import { resolveRepository } from '@parallel-cc/worktree-gtr';
import type { MergeCoordinator } from '../db/schema';
import { recordMerges } from '../events/record-merges';
import { parseRepoPath } from '../inputs';
import { fetchRemote, pickRemote } from './fetch-remote';
import { findMerges } from './find-merges';
import { interestsOf } from './interests';
import type { PollOptions, PollResult } from './poll-result';

/**
 * Polls one repository (any folder of it) for merges: the branches of its live and kept sessions
 * against their base branches, and subscribed branches against their targets, in a number of git
 * processes that does not grow with the number of branches. Each merged tip is recorded once per
 * target and announced once (see {@link recordMerges}); polling again finds nothing new.
 */
export async function pollRepository(coordinator: MergeCoordinator, options: PollOptions & { repo: string }): Promise<PollResult> {
  const { root } = await resolveRepository(parseRepoPath(options.repo));
  const { interests, warnings } = await interestsOf(coordinator, root);
  const result: PollResult = { repoPath: root, checked: interests.length, events: [], notified: 0, warnings };
  if (interests.length === 0) return result;
  const place = { dir: root, env: options.env };
  let remote: string | null = null;
  if (options.fetch) {
    remote = await pickRemote(place);
    const failure = remote === null ? null : await fetchRemote(place, remote);
    if (failure) warnings.push(`${failure}; merges were checked against what was fetched before.`);
  }
  const findings = await findMerges(place, interests, remote);
  warnings.push(...findings.warnings);
  const recorded = await recordMerges(coordinator, root, findings.verdicts);
  return { ...result, events: recorded.events, notified: recorded.notified };
}
