import { simpleGit } from 'simple-git';
import type { SimpleGit } from 'simple-git';
import { WorktreeError } from './errors';

/** A simple-git client rooted at `dir`; every call passes arguments as an array. */
export function gitAt(dir: string): SimpleGit {
  return simpleGit({ baseDir: dir, trimmed: false, maxConcurrentProcesses: 4, errors: failOnExitCode });
}

// simple-git fails a command only when it exits non-zero *and* writes to stderr; quiet probes
// (`rev-parse --verify -q`, `show-ref -q`, `merge-base --is-ancestor`) answer by exit code alone.
function failOnExitCode(error: Buffer | Error | undefined, result: { exitCode: number; stdErr: Buffer[] }) {
  if (error || result.exitCode === 0) return error;
  const stderr = Buffer.concat(result.stdErr);
  return stderr.length > 0 ? stderr : Buffer.from(`git exited with code ${result.exitCode}`);
}

/** Runs `git <args>` in `dir` and returns stdout; failures become `GIT_FAILED` errors. */
export async function runGit(dir: string, args: string[]): Promise<string> {
  try {
    return await gitAt(dir).raw(args);
  } catch (error) {
    throw new WorktreeError('GIT_FAILED', `git ${args[0]} failed in ${dir}: ${firstLine(error)}`, {
      args,
      dir,
    });
  }
}

/** Runs `git <args>` in `dir`; resolves to null instead of throwing when git exits non-zero. */
export async function tryGit(dir: string, args: string[]): Promise<string | null> {
  try {
    return await gitAt(dir).raw(args);
  } catch {
    return null;
  }
}

// git may print progress ("Preparing worktree …") before the line that says what went wrong.
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.trim().split('\n');
  return lines.find((line) => /^(fatal|error):/.test(line)) ?? lines[0] ?? text;
}
