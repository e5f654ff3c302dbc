import { gitErrorsAs, gitOutput, runGit } from '@parallel-cc/git';
import type { GitCall, GitResult } from '@parallel-cc/git';
import { MergeDetectorError } from '../errors';

/** Where and how to run git. */
export interface GitPlace {
  dir: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs `git <args>` in `place.dir` through @parallel-cc/git and reports how it ended, whatever
 * the exit code: `rebase` and `merge-base --is-ancestor` answer with it.
 */
export function gitAt(place: GitPlace, args: string[]): Promise<GitResult> {
  return asMergeDetectorError(runGit(place.dir, args, quiet(place)));
}

/** Runs `git <args>` in `place.dir` and resolves to its stdout; a non-zero exit is a `GIT_FAILED` error quoting git. */
export function gitOutputAt(place: GitPlace, args: string[]): Promise<string> {
  return asMergeDetectorError(gitOutput(place.dir, args, quiet(place)));
}

// git never prompts (no terminal, no editor), so a poll or a rebase cannot hang waiting for input.
function quiet(place: GitPlace): GitCall {
  return { env: { ...(place.env ?? process.env), GIT_TERMINAL_PROMPT: '0', GIT_EDITOR: 'true', GIT_SEQUENCE_EDITOR: 'true' } };
}

// Callers catch MergeDetectorError: git's failures become it, code GIT_FAILED.
function asMergeDetectorError<T>(work: Promise<T>): Promise<T> {
  return gitErrorsAs(work, (error) => new MergeDetectorError('GIT_FAILED', error.message, error.data));
}
