import { gitErrorsAs, runGit as run, runGitBytes as runBytes } from '@parallel-cc/git';
import type { GitBytesResult, GitCall, GitResult } from '@parallel-cc/git';
import { ConflictEngineError } from './errors';

/**
 * Runs `git <args>` in `dir` through @parallel-cc/git (`call`: stdin, environment, a bound on
 * stdout), and reports how it ended whatever its exit code: `merge-tree` answers "conflicts"
 * with exit code 1, and callers tell that apart from failures. Throws `GIT_FAILED` only when git
 * cannot be started.
 */
export function runGitBytes(dir: string, args: string[], call: GitCall = {}): Promise<GitBytesResult> {
  return asEngineError(runBytes(dir, args, call));
}

/** {@link runGitBytes} with stdout as UTF-8 text; `call.env`, when given, is git's whole environment. */
export function runGit(dir: string, args: string[], call: GitCall = {}): Promise<GitResult> {
  return asEngineError(run(dir, args, call));
}

/** `work`, with git's failures as ConflictEngineError, code GIT_FAILED (which callers catch). */
export function asEngineError<T>(work: Promise<T>): Promise<T> {
  return gitErrorsAs(work, (error) => new ConflictEngineError('GIT_FAILED', error.message, error.data));
}
