import { sessionOnBranch } from '@parallel-cc/core-sessions';
import { integratedBranches, resolveRepository, WorktreeError } from '@parallel-cc/worktree-gtr';
import { mergeDb } from '../db/merge-db';
import type { MergeCoordinator } from '../db/schema';
import { MergeDetectorError } from '../errors';
import { toMergeEvent } from '../events/merge-event';
import type { MergeEvent } from '../events/merge-event';
import { refTips } from '../git/ref-tips';
import { parseBranch, parseRepoPath } from '../inputs';

/** Whether a branch is merged into a target, and the recorded event that says so. */
export interface MergeStatus {
  merged: boolean;
  how: string | null;
  /** The target that was checked (the default when none was given). */
  targetBranch: string;
  /** The recorded merge of the branch's current tip (or of its last tip, when the branch is gone). */
  event?: MergeEvent;
}

/**
 * Whether `branch` is merged into `target` (default: the base branch of the session working on
 * it, else the branch of the main checkout). A recorded event for the branch's current tip
 * answers; without one, worktree-gtr's integration check is asked live and nothing is recorded.
 * `NOT_FOUND` for a branch that does not exist (and has no recorded merge) or a target that does not.
 */
export async function checkMergeStatus(
  coordinator: MergeCoordinator,
  options: { repo: string; branch: string; target?: string },
): Promise<MergeStatus> {
  const branch = parseBranch(options.branch, 'branch');
  const requested = options.target === undefined ? undefined : parseBranch(options.target, 'target branch');
  const repository = await resolveRepository(parseRepoPath(options.repo));
  const root = repository.root;
  const session = await sessionOnBranch(coordinator.db, root, branch);
  const targetBranch = requested ?? session?.base_branch ?? repository.mainBranch;
  const [rows, tips] = await Promise.all([
    mergeDb(coordinator.db)
      .selectFrom('merge_events')
      .selectAll()
      .where('repo_path', '=', root)
      .where('branch_name', '=', branch)
      .where('target_branch', '=', targetBranch)
      .orderBy('detected_at', 'desc')
      .execute(),
    refTips({ dir: root }, [`refs/heads/${branch}`]),
  ]);
  const tip = tips.get(`refs/heads/${branch}`);
  const row = tip === undefined ? rows[0] : rows.find((r) => r.source_commit === tip);
  if (row) return { merged: true, how: row.how, targetBranch, event: toMergeEvent(row) };
  if (tip === undefined) {
    throw new MergeDetectorError('NOT_FOUND', `The branch ${branch} does not exist in ${root}, and no merge of it into ${targetBranch} was recorded.`, { branch, repo: root });
  }
  const status = (await liveCheck(root, branch, targetBranch)).get(branch);
  return { merged: status?.integrated ?? false, how: status?.how ?? null, targetBranch };
}

async function liveCheck(root: string, branch: string, target: string): ReturnType<typeof integratedBranches> {
  try {
    return await integratedBranches(root, [branch], target);
  } catch (error) {
    if (error instanceof WorktreeError && error.code === 'NOT_FOUND') {
      throw new MergeDetectorError('NOT_FOUND', `The target ${target} does not exist in ${root}.`, { target, repo: root });
    }
    throw error;
  }
}
