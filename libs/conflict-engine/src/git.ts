import { simpleGit } from 'simple-git';
import { ConflictEngineError } from './errors';

/** How a git process ended: its exit code and what it printed. */
export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `git <args>` in `dir` (an argument array, never a shell) and reports how it ended,
 * whatever its exit code: `merge-tree` answers "conflicts" with exit code 1, and callers tell
 * that apart from failures. Throws `GIT_FAILED` only when git cannot be started.
 */
export async function runGit(dir: string, args: string[]): Promise<GitResult> {
  let exitCode = 0;
  let stderr = '';
  const git = simpleGit({
    baseDir: dir,
    trimmed: false,
    // simple-git turns a non-zero exit with stderr into an error before this hook sees it;
    // here every exit is a result, and the caller reads the code.
    errors(_error, result) {
      exitCode = result.exitCode;
      stderr = Buffer.concat(result.stdErr).toString('utf8');
      return undefined;
    },
  });
  const stdout = await git.raw(args);
  // A process that could not start (no git on PATH) reports a negative errno as its exit code.
  if (exitCode < 0) {
    const reason = stderr.trim().split('\n')[0];
    throw new ConflictEngineError('GIT_FAILED', `git could not be started in ${dir}: ${reason}`, { args, dir });
  }
  return { exitCode, stdout, stderr };
}

/** The line of git's stderr that says what went wrong (`fatal: …` or `error: …`), else its first line. */
export function gitComplaint(stderr: string): string {
  const lines = stderr.trim().split('\n');
  return lines.find((line) => /^(fatal|error):/.test(line)) ?? lines[0] ?? '';
}
