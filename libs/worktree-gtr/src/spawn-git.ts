import { spawn } from 'node:child_process';
import { WorktreeError } from './errors';

/**
 * Runs `git <args>` in `dir`, writes `input` to its stdin and resolves to its stdout; rejects with
 * a `GIT_FAILED` error (whose `data.exitCode` holds the exit code) when git exits non-zero.
 * Batched checks take one as a seam, so a caller can count or log the processes they start.
 */
export type GitRunner = (dir: string, args: string[], input?: string | Buffer) => Promise<Buffer>;

// simple-git cannot feed stdin, which `diff-tree --stdin`, `patch-id`, `rev-list --stdin` and
// `log -g --stdin` need; this passes the same argument array, never a shell.
/** The default {@link GitRunner}: `child_process.spawn('git', args)`, stdout collected as bytes. */
export const spawnGit: GitRunner = (dir, args, input) =>
  new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // git may exit before reading all of its input (EPIPE); its exit code says what went wrong.
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      reject(new WorktreeError('GIT_FAILED', `git could not be started in ${dir}: ${error.message}`, { args, dir }));
    });
    child.on('close', (exitCode) => {
      if (exitCode === 0) return resolve(Buffer.concat(stdout));
      const message = Buffer.concat(stderr).toString('utf8').trim().split('\n')[0] || `exit code ${exitCode}`;
      reject(new WorktreeError('GIT_FAILED', `git ${args[0]} failed in ${dir}: ${message}`, { args, dir, exitCode }));
    });
    child.stdin.end(input ?? '');
  });

/** `lines` as a git command's stdin: each ended by a newline. */
export function stdinLines(lines: Iterable<string>): string {
  return [...lines].map((line) => `${line}\n`).join('');
}
