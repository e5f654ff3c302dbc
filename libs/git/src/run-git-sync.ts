import { spawnSync } from 'node:child_process';
import type { GitCall, GitResult } from './run-git';
import { gitEnv, startFailure, timeoutFailure } from './run-git';

/**
 * {@link runGit} for the few callers that must answer without waiting (a synchronous install
 * step): runs `git <args>` in `dir` and reports how it ended whatever its exit code. Throws only
 * when git cannot start (`GIT_FAILED`) or runs past `timeoutMs` (`GIT_TIMEOUT`).
 */
export function runGitSync(dir: string, args: readonly string[], call: GitCall = {}): GitResult {
  const result = spawnSync('git', args, {
    cwd: dir,
    env: gitEnv(call),
    input: call.input ?? '',
    timeout: call.timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: Infinity,
  });
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') throw timeoutFailure(dir, args, call.timeoutMs);
    throw startFailure(dir, args, result.error);
  }
  return { exitCode: result.status ?? 128, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8') };
}
