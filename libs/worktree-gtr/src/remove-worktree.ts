import * as fs from 'node:fs';
import { readWorktreeConfig } from './config';
import { runGit, tryGit } from './git';
import { currentBranch, unsavedWork } from './inspect-worktree';
import { countOwnCommits, isIntegrated } from './integration';
import { nativeBackend } from './native-backend';
import { branchExists, refExists } from './repository';
import { withRepositoryLock } from './repository-lock';
import type { RepositoryLockOptions } from './repository-lock';
import { selectBackend } from './select-backend';
import { HALF_MADE_LOCK, lockReason } from './worktree-admin';

/** A request to remove a session's worktree and, when that loses nothing, its branch. */
export interface RemoveWorktreeOptions extends RepositoryLockOptions {
  repoRoot: string;
  worktreePath: string;
  /** The worktree's branch; deleted only when integrated into `baseBranch` or without commits of its own. */
  branch: string | null;
  baseBranch: string;
  /** Remove the worktree even when it holds uncommitted or untracked changes. Branches are never forced. */
  force?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** What happened to a worktree and its branch; `reasons` says why anything was kept. */
export interface RemovalResult {
  worktree: 'removed' | 'kept' | 'missing';
  branch: 'deleted' | 'kept' | 'none';
  reasons: string[];
}

/**
 * Removes a worktree unless that would lose work; then deletes its branch if integrated or empty.
 * Holds the repository's worktree lock throughout: git cannot add or remove worktrees of one
 * repository from several processes at once.
 */
export async function removeWorktree(options: RemoveWorktreeOptions): Promise<RemovalResult> {
  return withRepositoryLock(options.repoRoot, options, () => removeUnlocked(options));
}

async function removeUnlocked(options: RemoveWorktreeOptions): Promise<RemovalResult> {
  const { repoRoot, worktreePath, branch, baseBranch, force = false, env = process.env } = options;
  const reasons: string[] = [];
  let worktree: RemovalResult['worktree'];
  if (!fs.existsSync(worktreePath)) {
    await tryGit(repoRoot, ['worktree', 'prune']);
    worktree = 'missing';
  } else {
    // A `git worktree add` that died left it half checked out: nobody ever worked in it.
    const halfMade = lockReason(worktreePath) === HALF_MADE_LOCK;
    if (halfMade) reasons.push('the worktree was half made (its `git worktree add` never finished)');
    const unsaved = force || halfMade ? [] : await unsavedWork(worktreePath);
    if (unsaved.length > 0) {
      return { worktree: 'kept', branch: branch ? 'kept' : 'none', reasons: [`worktree has ${unsaved.join(', ')}`] };
    }
    const checkedOut = await currentBranch(worktreePath);
    const config = await readWorktreeConfig(repoRoot, env);
    // gtr removes by branch; a worktree switched to another branch is removed by path.
    const backend = !halfMade && checkedOut && checkedOut === branch ? await selectBackend(config.backend, env) : nativeBackend;
    try {
      await backend.remove({ repoRoot, path: worktreePath, branch, force: force || halfMade });
      worktree = 'removed';
    } catch (error) {
      return { worktree: 'kept', branch: branch ? 'kept' : 'none', reasons: [(error as Error).message] };
    }
  }
  const branchOutcome = branch ? await removeBranchIfSafe(repoRoot, branch, baseBranch, reasons) : 'none';
  return { worktree, branch: branchOutcome, reasons };
}

/** Deletes `branch` when it is integrated into `base` or has no commits of its own; else says why in `reasons`. */
export async function removeBranchIfSafe(
  repoRoot: string,
  branch: string,
  base: string,
  reasons: string[],
): Promise<RemovalResult['branch']> {
  if (!(await branchExists(repoRoot, branch))) return 'none';
  if (!(await refExists(repoRoot, base))) {
    reasons.push(`branch ${branch} kept: its base ${base} no longer exists`);
    return 'kept';
  }
  const own = await countOwnCommits(repoRoot, branch, base);
  if (own > 0 && !(await isIntegrated(repoRoot, branch, base))) {
    reasons.push(`branch ${branch} kept: ${own} commit${own === 1 ? '' : 's'} not in ${base}`);
    return 'kept';
  }
  try {
    await runGit(repoRoot, ['branch', '-D', branch]);
    return 'deleted';
  } catch (error) {
    reasons.push(`branch ${branch} kept: ${(error as Error).message}`);
    return 'kept';
  }
}
