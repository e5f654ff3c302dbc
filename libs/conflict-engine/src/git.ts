import { GitError, runGit as run, runGitBytes as runBytes } from '@parallel-cc/git';
import type { GitBytesResult, GitResult } from '@parallel-cc/git';
import { ConflictEngineError } from './errors';

/**
 * Runs `git <args>` in `dir` through @parallel-cc/git, feeding `input` to its stdin, and reports
 * how it ended whatever its exit code: `merge-tree` answers "conflicts" with exit code 1, and
 * callers tell that apart from failures. Throws `GIT_FAILED` only when git cannot be started.
 */
export function runGitBytes(dir: string, args: string[], input?: string): Promise<GitBytesResult> {
  return asEngineError(runBytes(dir, args, { input }));
}

/** {@link runGitBytes} with stdout as UTF-8 text. */
export function runGit(dir: string, args: string[], input?: string): Promise<GitResult> {
  return asEngineError(run(dir, args, { input }));
}

// The one place this lib turns @parallel-cc/git's errors into its own: callers catch ConflictEngineError.
async function asEngineError<T>(running: Promise<T>): Promise<T> {
  try {
    return await running;
  } catch (error) {
    if (error instanceof GitError) throw new ConflictEngineError('GIT_FAILED', error.message, error.data);
    throw error;
  }
}
