import { spawn } from 'node:child_process';
import { gitComplaint } from './git-complaint';
import { GitError } from './git-error';
import type { GitHelper } from './launch/git-helper';
import { helperForNextGit } from './launch/launch-mode';

/** How to run one git process besides its arguments. */
export interface GitCall {
  /** Written to git's stdin (`diff-tree --stdin`, `patch-id`, `hash-object --stdin`). */
  input?: string | Buffer;
  /** The whole environment (default `process.env`); `GIT_TERMINAL_PROMPT=0` is added unless set. */
  env?: NodeJS.ProcessEnv;
  /** Kill git and fail with `GIT_TIMEOUT` after this many milliseconds (default: no limit). */
  timeoutMs?: number;
  /**
   * Stop git once its stdout passes this many bytes (a bounded read of a diff that may be huge):
   * the result holds what was read by then, at least this much, and says `truncated`.
   */
  maxStdoutBytes?: number;
}

/** How a git process ended, stdout as bytes (object contents, whose sizes git counts in bytes). */
export interface GitBytesResult {
  exitCode: number;
  stdout: Buffer;
  stderr: string;
  /** Set when git was stopped at `maxStdoutBytes`: stdout is its output's beginning, the exit code that of a killed git. */
  truncated?: true;
}

/** How a git process ended, stdout as UTF-8 text. */
export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** As {@link GitBytesResult.truncated}. */
  truncated?: true;
}

// The one `spawn('git', …)` of the project (here, or in the helper it may hand git to; besides
// it, only the kept `cat-file --batch` of objects/object-reader.ts starts git). Arguments
// are an array, never a shell string; the environment (which may hold tokens for a push) is
// never copied into an error or a log.
/**
 * Runs `git <args>` in `dir` and reports how it ended whatever its exit code (`merge-tree`
 * answers "conflicts" with 1, `merge-base --is-ancestor` answers "no" with 1). Rejects only when
 * git cannot start (`GIT_FAILED`) or runs past `timeoutMs` (`GIT_TIMEOUT`). A large process
 * starts git through a small helper process (see `setGitLaunchMode`).
 */
export function runGitBytes(dir: string, args: readonly string[], call: GitCall = {}): Promise<GitBytesResult> {
  const helper = helperForNextGit();
  return helper ? runThroughHelper(helper, dir, args, call) : runDirectly(dir, args, call);
}

function runDirectly(dir: string, args: readonly string[], call: GitCall): Promise<GitBytesResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: dir, env: gitEnv(call), stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    // A program git started (an alias, a pager) may hold the pipes: closing them ends that one too.
    const kill = () => {
      child.kill('SIGKILL');
      child.stdout.destroy();
      child.stderr.destroy();
    };
    const stop = stopAfter(call.timeoutMs, kill);
    let read = 0;
    let truncated = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (truncated) return;
      stdout.push(chunk);
      read += chunk.length;
      if (call.maxStdoutBytes !== undefined && read > call.maxStdoutBytes) {
        truncated = true;
        kill();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // git may exit before reading all of its input (EPIPE); its exit code says what went wrong.
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      stop.clear();
      reject(startFailure(dir, args, error));
    });
    child.on('close', (code) => {
      stop.clear();
      if (stop.fired) reject(timeoutFailure(dir, args, call.timeoutMs));
      else resolve({ exitCode: code ?? 128, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8'), ...(truncated ? { truncated } : {}) });
    });
    child.stdin.end(call.input ?? '');
  });
}

async function runThroughHelper(helper: GitHelper, dir: string, args: readonly string[], call: GitCall): Promise<GitBytesResult> {
  const run = helper.run({ args, cwd: dir, env: gitEnv(call), input: call.input ?? '', maxStdout: call.maxStdoutBytes });
  const stop = stopAfter(call.timeoutMs, run.kill);
  const answer = await run.done;
  stop.clear();
  if ('startError' in answer) throw startFailure(dir, args, new Error(answer.startError));
  if (stop.fired) throw timeoutFailure(dir, args, call.timeoutMs);
  return answer;
}

/** Calls `kill` after `timeoutMs` (never without one); `fired` tells whether it did. */
function stopAfter(timeoutMs: number | undefined, kill: () => void): { fired: boolean; clear: () => void } {
  const state = { fired: false, clear: () => clearTimeout(timer) };
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          state.fired = true;
          kill();
        }, timeoutMs);
  return state;
}

/** {@link runGitBytes} with stdout as UTF-8 text. */
export async function runGit(dir: string, args: readonly string[], call?: GitCall): Promise<GitResult> {
  const result = await runGitBytes(dir, args, call);
  return { ...result, stdout: result.stdout.toString('utf8') };
}

/** Runs `git <args>` and resolves to its stdout bytes; a non-zero exit is a `GIT_FAILED` error quoting git. */
export async function gitOutputBytes(dir: string, args: readonly string[], call?: GitCall): Promise<Buffer> {
  const result = await runGitBytes(dir, args, call);
  if (result.exitCode !== 0) throw gitFailure(dir, args, result);
  return result.stdout;
}

/** Runs `git <args>` and resolves to its stdout text; a non-zero exit is a `GIT_FAILED` error quoting git. */
export async function gitOutput(dir: string, args: readonly string[], call?: GitCall): Promise<string> {
  return (await gitOutputBytes(dir, args, call)).toString('utf8');
}

/** Runs `git <args>` and resolves to its stdout text, or to null when git exits non-zero. */
export async function tryGit(dir: string, args: readonly string[], call?: GitCall): Promise<string | null> {
  const result = await runGit(dir, args, call);
  return result.exitCode === 0 ? result.stdout : null;
}

// Variables that point git at another repository than the folder it runs in (git sets them for
// its hooks): every call names its folder, so they never come along.
const ELSEWHERE = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_PREFIX'];

/**
 * The environment git runs with: the one given (default `process.env`) without the variables
 * that would point it at another repository than its folder (a parallel-cc run from a git hook
 * inherits GIT_DIR), and never a prompt for credentials.
 */
export function gitEnv(call: GitCall): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { GIT_TERMINAL_PROMPT: '0', ...(call.env ?? process.env) };
  for (const name of ELSEWHERE) delete env[name];
  return env;
}

/** The `GIT_FAILED` error for a git that could not be started (no git on PATH, no folder `dir`). */
export function startFailure(dir: string, args: readonly string[], error: Error): GitError {
  return new GitError('GIT_FAILED', `git could not be started in ${dir}: ${error.message}`, { args, dir });
}

/** The `GIT_TIMEOUT` error for a git stopped after `timeoutMs`. */
export function timeoutFailure(dir: string, args: readonly string[], timeoutMs: number | undefined): GitError {
  return new GitError('GIT_TIMEOUT', `git ${args[0] ?? ''} took longer than ${timeoutMs} ms in ${dir} and was stopped`, { args, dir });
}

/** The `GIT_FAILED` error for a git process that exited non-zero: `git <sub> failed in <dir>: <git's complaint>`. */
export function gitFailure(dir: string, args: readonly string[], result: { exitCode: number; stderr: string }): GitError {
  const complaint = gitComplaint(result.stderr) || `exit code ${result.exitCode}`;
  return new GitError('GIT_FAILED', `git ${args[0] ?? ''} failed in ${dir}: ${complaint}`, { args, dir, exitCode: result.exitCode });
}
