import * as fs from 'node:fs';
import * as path from 'node:path';
import { findWorktreeOfBranch } from '@parallel-cc/worktree-gtr';
import { SandboxError } from '../errors';
import type { FetchedResult } from './fetch-result';
import { runRefs } from './fetch-result';
import { gitOut, gitRun } from './local-git';

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
 * now, uncommitted files included; theirs: the result) computed by `git merge-tree` without
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
  const git = (args: string[], input?: string | Buffer) => gitOut(worktree, args, env, input);
  const refs = runRefs(runId);
  const applied = (await gitRun(worktree, ['rev-parse', '-q', '--verify', `${refs.applied}^{commit}`], env)).stdout.trim();
  const mergeBase = applied || fetched.base;

  const oldTip = branch ? await branchTip(worktree, branch, env) : null;
  if (branch) await assertCanTake(worktree, branch, oldTip, fetched.result, env);

  // Ours: the worktree now, through a copy of its index (the user's index is left alone).
  const indexFile = path.resolve(worktree, await git(['rev-parse', '--git-path', 'index']));
  const tempIndex = `${indexFile}.parallel-cc-${process.pid}`;
  if (fs.existsSync(indexFile)) fs.copyFileSync(indexFile, tempIndex);
  let ours: string;
  try {
    const withIndex = { ...env, GIT_INDEX_FILE: tempIndex };
    await gitOut(worktree, ['add', '-A'], withIndex);
    ours = await gitOut(worktree, ['write-tree'], withIndex);
  } finally {
    fs.rmSync(tempIndex, { force: true });
  }
  const theirs = await git(['rev-parse', `${fetched.result}^{tree}`]);
  let merged: string;
  if (ours === (await git(['rev-parse', `${mergeBase}^{tree}`]))) {
    merged = theirs;
  } else {
    // Both sides as children of the merge base, so that merge-tree (git >= 2.38) uses that base.
    const left = await git([...IDENTITY, 'commit-tree', ours, '-p', mergeBase, '-m', 'worktree']);
    const right = await git([...IDENTITY, 'commit-tree', theirs, '-p', mergeBase, '-m', 'result']);
    const outcome = await gitRun(worktree, ['merge-tree', '--write-tree', '--name-only', '--no-messages', left, right], env);
    const [tree = '', ...conflicted] = outcome.stdout.split('\n').filter(Boolean);
    if (outcome.exitCode === 1) {
      throw new SandboxError(
        'RESULT_CONFLICT',
        `The result conflicts with changes made in ${worktree} while the run was away (${[...new Set(conflicted)].join(', ')}); nothing was changed. The result is kept at ${refs.result}: compare with \`git diff HEAD ${refs.result}\`, then resolve and run \`sandbox download\` again.`,
        { worktree, files: [...new Set(conflicted)], ref: refs.result },
      );
    }
    if (outcome.exitCode !== 0) throw new SandboxError('GIT_FAILED', `git merge-tree failed in ${worktree}: ${outcome.stderr.trim()}`, { worktree });
    merged = tree;
  }

  const changedFiles = (await git(['diff', '--name-only', '-z', ours, merged])).split('\0').filter(Boolean);
  if (changedFiles.length > 0) {
    const patch = await gitRun(worktree, ['diff', '--binary', '--full-index', '--no-color', '--no-ext-diff', ours, merged], env);
    const top = await git(['rev-parse', '--show-toplevel']);
    const outcome = await gitRun(top, ['apply', '--whitespace=nowarn', '-'], env, patch.stdout);
    if (outcome.exitCode !== 0) {
      throw new SandboxError(
        'RESULT_CONFLICT',
        `Files in ${worktree} changed while the result was being applied; nothing was changed (${outcome.stderr.trim().split('\n')[0]}). The result is kept at ${refs.result}: run \`sandbox download\` again.`,
        { worktree, ref: refs.result },
      );
    }
  }
  if (branch) {
    await git(['update-ref', `refs/heads/${branch}`, fetched.result, oldTip ?? '0'.repeat(fetched.result.length)]);
    await git(['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
    await git(['reset', '-q', fetched.result]);
  }
  await git(['update-ref', refs.applied, fetched.result]);
  return { changedFiles, branch };
}

async function branchTip(worktree: string, branch: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  return (await gitRun(worktree, ['rev-parse', '-q', '--verify', `refs/heads/${branch}^{commit}`], env)).stdout.trim() || null;
}

async function assertCanTake(worktree: string, branch: string, oldTip: string | null, result: string, env: NodeJS.ProcessEnv): Promise<void> {
  const ref = `refs/heads/${branch}`;
  if (oldTip === null) return;
  const holder = await findWorktreeOfBranch(worktree, branch);
  if (holder && fs.realpathSync(holder) !== fs.realpathSync(worktree)) {
    throw new SandboxError('NOT_FAST_FORWARD', `The branch ${branch} is checked out in ${holder}; the result was not put on it.`, { branch, holder });
  }
  const ancestor = await gitRun(worktree, ['merge-base', '--is-ancestor', oldTip, result], env);
  if (ancestor.exitCode !== 0) {
    throw new SandboxError('NOT_FAST_FORWARD', `The branch ${branch} has commits the result does not have: ${ref} cannot be fast-forwarded to it; nothing was changed.`, {
      branch,
      tip: oldTip,
    });
  }
}
