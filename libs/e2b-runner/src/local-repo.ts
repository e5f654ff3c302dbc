import { gitErrorsAs, gitOutput, gitOutputBytes, runGit } from '@parallel-cc/git';
import type { GitResult } from '@parallel-cc/git';
import { SandboxError } from './errors';

/**
 * git in a repository on the user's machine (not the sandbox's), through @parallel-cc/git. The
 * environment may hold a push's tokens: it reaches git as its environment only, never argv, an
 * error or a log.
 */
export interface LocalRepo {
  /** How `git <args>` ended, whatever its exit code. */
  run(args: string[], input?: string | Buffer): Promise<GitResult>;
  /** `git <args>`'s trimmed stdout; a non-zero exit is a `GIT_FAILED` error quoting git. */
  out(args: string[], input?: string | Buffer): Promise<string>;
  /** `git <args>`'s stdout as bytes, untrimmed; a non-zero exit is a `GIT_FAILED` error quoting git. */
  bytes(args: string[]): Promise<Buffer>;
}

/** Runs git in `dir` with `env` (default: this process's environment), argument arrays only. */
export function localRepo(dir: string, env?: NodeJS.ProcessEnv): LocalRepo {
  return {
    run: (args, input) => asSandboxError(runGit(dir, args, { env, input })),
    out: async (args, input) => (await asSandboxError(gitOutput(dir, args, { env, input }))).trim(),
    bytes: (args) => asSandboxError(gitOutputBytes(dir, args, { env })),
  };
}

// Callers catch SandboxError: git's failures become it, code GIT_FAILED.
function asSandboxError<T>(work: Promise<T>): Promise<T> {
  return gitErrorsAs(work, (error) => new SandboxError('GIT_FAILED', error.message, error.data));
}
