import { spawn } from 'node:child_process';
import { SandboxError } from '../errors';

/** How a git command on the user's machine ended. */
export interface GitOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `git <args>` in `dir` with `env` (an argument array, no shell); a non-zero exit is a result. */
export function gitRun(dir: string, args: string[], env: NodeJS.ProcessEnv, input?: string | Buffer): Promise<GitOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => reject(new SandboxError('GIT_FAILED', `git could not be started in ${dir}: ${error.message}`, { dir })));
    child.on('close', (code) =>
      resolve({ exitCode: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.end(input ?? '');
  });
}

/** Like {@link gitRun}, resolving to trimmed stdout; a non-zero exit is a `GIT_FAILED` error quoting git. */
export async function gitOut(dir: string, args: string[], env: NodeJS.ProcessEnv, input?: string | Buffer): Promise<string> {
  const outcome = await gitRun(dir, args, env, input);
  if (outcome.exitCode !== 0) {
    const said = outcome.stderr.trim().split('\n')[0] || `exit code ${outcome.exitCode}`;
    throw new SandboxError('GIT_FAILED', `git ${args[0] ?? ''} failed in ${dir}: ${said}`, { dir, args, exitCode: outcome.exitCode });
  }
  return outcome.stdout.trim();
}
