import type { ToolContext } from '../tool-context';
import { ToolFailure } from '../tool-failure';
import { findCallingSession, requireCallingSession } from './calling-session';
import { repositoryScope } from './repository-scope';

/** Two branches of a repository: `branch` is merged (theirs) into `target` (ours). */
export interface BranchPair {
  root: string;
  branch: string;
  target: string;
}

/**
 * The merge a conflict tool is about: `branch` defaults to the calling session's branch, `target`
 * to its base branch (else the main checkout's branch), both in the calling session's repository
 * (else the one holding the server's folder). Both names are checked against git's ref rules,
 * each error naming its field.
 */
export async function branchPair(
  context: ToolContext,
  input: { branch?: string | undefined; target_branch?: string | undefined },
  toolName: string,
): Promise<BranchPair> {
  const { assertValidRef } = await import('@parallel-cc/conflict-engine');
  if (input.branch !== undefined) assertValidRef(input.branch, 'branch');
  if (input.target_branch !== undefined) assertValidRef(input.target_branch, 'target_branch');
  const session = input.branch === undefined ? await requireCallingSession(context, toolName) : await findCallingSession(context);
  const branch = input.branch ?? session?.branch;
  if (branch == null) {
    throw new ToolFailure('INVALID_INPUT', "Your session's main checkout is on a detached HEAD, so it has no branch: give branch.");
  }
  const { root } = await repositoryScope(context, undefined, false);
  let target = input.target_branch ?? session?.base_branch;
  if (target === undefined) {
    const { resolveRepository } = await import('@parallel-cc/worktree-gtr');
    target = (await resolveRepository(root)).mainBranch;
  }
  return { root, branch, target };
}
