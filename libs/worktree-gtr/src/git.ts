import { gitErrorsAs, gitOutput, gitOutputBytes, tryGit as tryGitOutput } from '@parallel-cc/git';
import { WorktreeError } from './errors';

/**
 * Runs `git <args>` in `dir`, writes `input` to its stdin and resolves to its stdout; rejects with
 * a `GIT_FAILED` error (whose `data.exitCode` holds the exit code) when git exits non-zero.
 * Batched checks take one as a seam, so a caller can count or log the processes they start.
 */
export type GitRunner = (dir: string, args: string[], input?: string | Buffer) => Promise<Buffer>;

/** The default {@link GitRunner}: @parallel-cc/git's runner, stdout collected as bytes. */
export const spawnGit: GitRunner = (dir, args, input) => asWorktreeError(gitOutputBytes(dir, args, { input }));

/** Runs `git <args>` in `dir` and returns stdout; failures become `GIT_FAILED` errors. */
export function runGit(dir: string, args: string[]): Promise<string> {
  return asWorktreeError(gitOutput(dir, args));
}

/** Runs `git <args>` in `dir`; resolves to null instead of throwing when git exits non-zero or cannot start. */
export async function tryGit(dir: string, args: string[]): Promise<string | null> {
  try {
    return await tryGitOutput(dir, args);
  } catch {
    return null;
  }
}

// Callers catch WorktreeError: git's failures become it, code GIT_FAILED.
function asWorktreeError<T>(work: Promise<T>): Promise<T> {
  return gitErrorsAs(work, (error) => new WorktreeError('GIT_FAILED', error.message, error.data));
}
