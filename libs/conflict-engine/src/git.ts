import { spawn } from 'node:child_process';
import { ConflictEngineError } from './errors';

/** How a git process ended: its exit code and what it printed. */
export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** {@link GitResult} with stdout as bytes, for object contents whose sizes git counts in bytes. */
export interface GitBytesResult extends Omit<GitResult, 'stdout'> {
  stdout: Buffer;
}

/**
 * Runs `git <args>` in `dir` (an argument array, never a shell), feeding `input` to its stdin,
 * and reports how it ended whatever its exit code: `merge-tree` answers "conflicts" with exit
 * code 1, and callers tell that apart from failures. Throws `GIT_FAILED` only when git cannot be
 * started. (A plain spawn: simple-git cannot feed stdin, and its queue costs a preview of many
 * pairs more than the merge-tree processes themselves.)
 */
export function runGitBytes(dir: string, args: string[], input = ''): Promise<GitBytesResult> {
  return new Promise((resolve, reject) => {
    // The environment named, as @parallel-cc/git's runner does: a test's PATH (a counting git) reaches git.
    const child = spawn('git', args, { cwd: dir, env: process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // git may exit before reading all of its input (EPIPE); its exit code says what went wrong.
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      reject(new ConflictEngineError('GIT_FAILED', `git could not be started in ${dir}: ${error.message}`, { args, dir }));
    });
    child.on('close', (code) => {
      resolve({ exitCode: code ?? 128, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') });
    });
    child.stdin.end(input);
  });
}

/** {@link runGitBytes} with stdout as UTF-8 text. */
export async function runGit(dir: string, args: string[], input?: string): Promise<GitResult> {
  const result = await runGitBytes(dir, args, input);
  return { ...result, stdout: result.stdout.toString('utf8') };
}

/** The line of git's stderr that says what went wrong (`fatal: …` or `error: …`), else its first line. */
export function gitComplaint(stderr: string): string {
  const lines = stderr.trim().split('\n');
  return lines.find((line) => /^(fatal|error):/.test(line)) ?? lines[0] ?? '';
}
