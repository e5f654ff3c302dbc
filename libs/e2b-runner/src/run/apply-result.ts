import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConflictEngineError, detectConflicts } from '@parallel-cc/conflict-engine';
import type { ConflictReport } from '@parallel-cc/conflict-engine';
import { findWorktreeOfBranch } from '@parallel-cc/worktree-gtr';
import { SandboxError } from '../errors';
import { localRepo } from '../local-repo';
import type { FetchedResult } from './fetch-result';
import { runRefs } from './fetch-result';

const IDENTITY = ['-c', 'user.name=parallel-cc', '-c', 'user.email=noreply@parallel-cc'];

/** What {@link applyResult} did in the worktree. */
export interface AppliedResult {
  /** Paths whose content changed in the worktree. */
  changedFiles: string[];
  branch: string | null;
}

/**
 * Brings a fetched result into `worktree` without overwriting anything changed there meanwhile:
 * a 3-way merge (base: what was last brought back, else the upload; ours: the worktree as it is
 * now, uncommitted files included; theirs: the result) computed by conflict-engine without
 * touching any file, then applied as one patch (`git apply` is all or nothing). On a conflict
 * nothing changes (`RESULT_CONFLICT`). With `branch`, the branch is created or fast-forwarded
 * to the result (`NOT_FAST_FORWARD` otherwise) and the worktree switched to it.
 */
export async function applyResult(
  worktree: string,
  runId: string,
  fetched: FetchedResult,
  env: NodeJS.ProcessEnv,
  branch: string | null = null,
): Promise<AppliedResult> {
  const repo = localRepo(worktree, env);
  const refs = runRefs(runId);
  const applied = (await repo.run(['rev-parse', '-q', '--verify', `${refs.applied}^{commit}`])).stdout.trim();
  const mergeBase = applied || fetched.base;

  const oldTip = branch ? await branchTip(worktree, branch, env) : null;
  if (branch) await assertCanTake(worktree, branch, oldTip, fetched.result, env);

  // Ours: the worktree now, through a copy of its index (the user's index is left alone).
  const indexFile = path.resolve(worktree, await repo.out(['rev-parse', '--git-path', 'index']));
  const tempIndex = `${indexFile}.parallel-cc-${process.pid}`;
  if (fs.existsSync(indexFile)) fs.copyFileSync(indexFile, tempIndex);
  let ours: string;
  try {
    const withIndex = localRepo(worktree, { ...env, GIT_INDEX_FILE: tempIndex });
    await withIndex.out(['add', '-A']);
    ours = await withIndex.out(['write-tree']);
  } finally {
    fs.rmSync(tempIndex, { force: true });
  }
  const theirs = await repo.out(['rev-parse', `${fetched.result}^{tree}`]);
  let merged: string;
  if (ours === (await repo.out(['rev-parse', `${mergeBase}^{tree}`]))) {
    merged = theirs;
  } else {
    // Both sides as children of the merge base, so that the merge uses that base.
    const left = await repo.out([...IDENTITY, 'commit-tree', ours, '-p', mergeBase, '-m', 'worktree']);
    const right = await repo.out([...IDENTITY, 'commit-tree', theirs, '-p', mergeBase, '-m', 'result']);
    const merge = await mergeInThought(worktree, left, right);
    const conflicted = merge.conflicts.map((conflict) => conflict.path);
    if (!merge.clean) {
      throw new SandboxError(
        'RESULT_CONFLICT',
        `The result conflicts with changes made in ${worktree} while the run was away (${[...new Set(conflicted)].join(', ')}); nothing was changed. The result is kept at ${refs.result}: compare with \`git diff HEAD ${refs.result}\`, then resolve and run \`sandbox download\` again.`,
        { worktree, files: [...new Set(conflicted)], ref: refs.result },
      );
    }
    merged = merge.tree;
  }

  const changedFiles = (await repo.out(['diff', '--name-only', '-z', ours, merged])).split('\0').filter(Boolean);
  if (changedFiles.length > 0) {
    // Bytes all the way: a file that is not UTF-8 must reach `git apply` exactly as git wrote it.
    const patch = await repo.bytes(['diff', '--binary', '--full-index', '--no-color', '--no-ext-diff', ours, merged]);
    const top = await repo.out(['rev-parse', '--show-toplevel']);
    const outcome = await localRepo(top, env).run(['apply', '--whitespace=nowarn', '-'], patch);
    if (outcome.exitCode !== 0) {
      throw new SandboxError(
        'RESULT_CONFLICT',
        `Files in ${worktree} changed while the result was being applied; nothing was changed (${outcome.stderr.trim().split('\n')[0]}). The result is kept at ${refs.result}: run \`sandbox download\` again.`,
        { worktree, ref: refs.result },
      );
    }
  }
  if (branch) {
    await repo.out(['update-ref', `refs/heads/${branch}`, fetched.result, oldTip ?? '0'.repeat(fetched.result.length)]);
    await repo.out(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
    await repo.out(['reset', '-q', fetched.result]);
  }
  await repo.out(['update-ref', refs.applied, fetched.result]);
  return { changedFiles, branch };
}

async function branchTip(worktree: string, branch: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  return (await localRepo(worktree, env).run(['rev-parse', '-q', '--verify', `refs/heads/${branch}^{commit}`])).stdout.trim() || null;
}

async function assertCanTake(worktree: string, branch: string, oldTip: string | null, result: string, env: NodeJS.ProcessEnv): Promise<void> {
  const ref = `refs/heads/${branch}`;
  if (oldTip === null) return;
  const holder = await findWorktreeOfBranch(worktree, branch);
  if (holder && fs.realpathSync(holder) !== fs.realpathSync(worktree)) {
    throw new SandboxError('NOT_FAST_FORWARD', `The branch ${branch} is checked out in ${holder}; the result was not put on it.`, { branch, holder });
  }
  const ancestor = await localRepo(worktree, env).run(['merge-base', '--is-ancestor', oldTip, result]);
  if (ancestor.exitCode !== 0) {
    throw new SandboxError('NOT_FAST_FORWARD', `The branch ${branch} has commits the result does not have: ${ref} cannot be fast-forwarded to it; nothing was changed.`, {
      branch,
      tip: oldTip,
    });
  }
}

/**
 * What merging `right` into `left` would give, from conflict-engine ("would this conflict" is its
 * question alone): the merged tree and the conflicted paths; nothing is checked out.
 */
async function mergeInThought(worktree: string, left: string, right: string): Promise<ConflictReport> {
  try {
    return await detectConflicts({ repo: worktree, ours: left, theirs: right, classify: false });
  } catch (error) {
    if (error instanceof ConflictEngineError) throw new SandboxError('GIT_FAILED', error.message, { worktree });
    throw error;
  }
}
