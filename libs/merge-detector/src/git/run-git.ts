import { spawn } from 'node:child_process';
import { MergeDetectorError } from '../errors';

/** How a git process ended: its exit code and what it printed. */
export interface GitOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Where and how to run git. */
export interface GitPlace {
  dir: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs `git <args>` in `place.dir` (an argument array, never a shell) and reports how it ended,
 * whatever the exit code: `rebase` and `merge-base --is-ancestor` answer with it. git never
 * prompts (no terminal, no editor), so a poll or a rebase cannot hang waiting for input.
 */
export function runGit(place: GitPlace, args: string[]): Promise<GitOutcome> {
  const env = { ...(place.env ?? process.env), GIT_TERMINAL_PROMPT: '0', GIT_EDITOR: 'true', GIT_SEQUENCE_EDITOR: 'true' };
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: place.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      reject(new MergeDetectorError('GIT_FAILED', `git could not be started in ${place.dir}: ${error.message}`, { args, dir: place.dir }));
    });
    child.on('close', (code) => {
      resolve({ exitCode: code ?? -1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

/** Runs `git <args>` and resolves to its stdout; a non-zero exit is a `GIT_FAILED` error quoting git. */
export async function gitOutput(place: GitPlace, args: string[]): Promise<string> {
  const outcome = await runGit(place, args);
  if (outcome.exitCode === 0) return outcome.stdout;
  throw new MergeDetectorError('GIT_FAILED', `git ${args[0]} failed in ${place.dir}: ${gitComplaint(outcome.stderr)}`, {
    args,
    dir: place.dir,
    exitCode: outcome.exitCode,
  });
}

/** The line of git's stderr that says what went wrong (`fatal: …` or `error: …`), else its first line. */
export function gitComplaint(stderr: string): string {
  const lines = stderr.trim().split('\n');
  return lines.find((line) => /^(fatal|error):/.test(line)) ?? lines[0] ?? '';
}
