import { sessionsHoldingWork } from '@parallel-cc/core-sessions';
import { branchNameProblem } from '@parallel-cc/git';
import { mergeDb } from '../db/merge-db';
import type { MergeCoordinator } from '../db/schema';

/** A branch whose merge into `target` someone cares about. */
export interface Interest {
  branch: string;
  target: string;
}

/** The branches a poll of one repository checks, and why some rows were passed over. */
export interface Interests {
  interests: Interest[];
  warnings: string[];
}

/**
 * What a poll of the repository at `repoPath` checks: each live or kept session's branch against
 * its base branch (not the main checkout's own branch, which is its base), and every waiting
 * subscription's branch against its target. Each pair once.
 */
export async function interestsOf(coordinator: MergeCoordinator, repoPath: string): Promise<Interests> {
  const [sessions, subscriptions] = await Promise.all([
    sessionsHoldingWork(coordinator.db, repoPath),
    mergeDb(coordinator.db)
      .selectFrom('subscriptions')
      .select(['branch_name', 'target_branch'])
      .where('repo_path', '=', repoPath)
      .where('active', '=', 1)
      .execute(),
  ]);
  const pairs = [
    ...sessions.flatMap((s) => (s.branch === null || s.branch === s.base_branch ? [] : [{ branch: s.branch, target: s.base_branch }])),
    ...subscriptions.map((s) => ({ branch: s.branch_name, target: s.target_branch })),
  ];
  const seen = new Map<string, Interest>();
  const warnings: string[] = [];
  for (const pair of pairs) {
    // Rows written by older versions or by hand might hold names git would misread: skip, say so.
    const problem = branchNameProblem(pair.branch) ?? branchNameProblem(pair.target);
    if (problem) warnings.push(`Skipped ${JSON.stringify(pair.branch)} -> ${JSON.stringify(pair.target)}: ${problem}.`);
    else seen.set(`${pair.branch}\0${pair.target}`, pair);
  }
  return { interests: [...seen.values()], warnings };
}
