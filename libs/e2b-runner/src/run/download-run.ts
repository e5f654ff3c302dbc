import * as fs from 'node:fs';
import { plural } from '@parallel-cc/core-sessions';
import type { RunnerCoordinator } from '../db/schema';
import { SandboxError } from '../errors';
import { localRepo } from '../local-repo';
import { findRun } from '../runs/find-run';
import { applyResult } from './apply-result';
import { fetchResult, runRefs } from './fetch-result';
import type { FetchedResult } from './fetch-result';
import type { SandboxProvider } from '../sandbox/sandbox';

/**
 * Copies the current state of the sandbox of the run `id` names (its session's id or its own,
 * whole or short: see {@link findRun}), while it runs or after a failed bring-back, into the
 * run's worktree as uncommitted changes, never overwriting local edits (a conflict
 * changes nothing: `RESULT_CONFLICT`). When the sandbox is gone, the result fetched earlier (kept
 * at `refs/parallel-cc/runs/<runId>`) is applied instead. Returns the files that changed.
 */
export async function downloadRun(
  coordinator: RunnerCoordinator,
  options: { id: string; provider: SandboxProvider; env?: NodeJS.ProcessEnv },
): Promise<{ files: string[]; message: string }> {
  const env = options.env ?? process.env;
  const run = await findRun(coordinator, options.id);
  const worktree = run.worktreePath;
  let sandbox = null;
  if (run.sandboxId) {
    try {
      sandbox = await options.provider.connect(run.sandboxId);
    } catch (error) {
      if (!(error instanceof SandboxError && error.code === 'NOT_FOUND')) throw error;
    }
  }
  // Fetched through the repository, which outlives the worktree.
  const gitHome = fs.existsSync(worktree) ? worktree : run.repoPath;
  let fetched: FetchedResult;
  if (sandbox) {
    fetched = await fetchResult(sandbox, gitHome, run.id, env, `parallel-cc: state of run ${run.id} while downloading`);
  } else {
    const refs = runRefs(run.id);
    const [result = '', base = '', uploadHead = ''] = await Promise.all(
      [refs.result, refs.base, refs.uploadHead].map(async (ref) => (await localRepo(gitHome, env).run(['rev-parse', '-q', '--verify', `${ref}^{commit}`])).stdout.trim()),
    );
    if (!result || !base || !uploadHead) {
      throw new SandboxError('NOT_FOUND', `The run ${run.id} has no sandbox any more${run.sandboxId ? ` (${run.sandboxId} has ended)` : ''} and no result was fetched: there is nothing to download.`, { runId: run.id });
    }
    fetched = { result, base, uploadHead, changed: true };
  }
  let restored = '';
  if (fetched.changed && !fs.existsSync(worktree)) {
    // Its session was released with nothing in it: the worktree comes back as a plain one, yours to keep.
    await localRepo(run.repoPath, env).out(['worktree', 'add', '-q', '--detach', worktree, fetched.uploadHead]);
    restored = ` The run's worktree had been removed; it was made again (detached at ${fetched.uploadHead.slice(0, 12)}), and is yours to keep or remove.`;
  }
  if (!fetched.changed) return { files: [], message: `Nothing to download: the sandbox holds no changes yet.` };
  const applied = await applyResult(worktree, run.id, fetched, env);
  return {
    files: applied.changedFiles,
    message: `${plural(applied.changedFiles.length, 'file')} changed in ${worktree} (uncommitted), from ${sandbox ? `the sandbox ${sandbox.id}` : `the fetched result ${runRefs(run.id).result}`}.${restored}`,
  };
}
