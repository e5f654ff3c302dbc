import { spawn } from 'node:child_process';
import * as os from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { SandboxError } from '../errors';
import { endProcessGroup } from './process-group';
import type { RunOptions, RunResult } from './sandbox';

/** How {@link runInGroup} starts a command, beyond {@link RunOptions}. */
export interface GroupRunOptions extends Omit<RunOptions, 'cwd' | 'envs'> {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Told the process group id right after the start (before any output). */
  onStart?: (pgid: number) => void;
  /** Told when the command has ended and its output is delivered. */
  onEnd?: (pgid: number) => void;
}

// After the command exits, a background child it left may still hold stdout open; its output is
// not the command's, so it is waited for only this long.
const DRAIN_AFTER_EXIT_MS = 1_000;

/**
 * Runs argv as the leader of a new process group (`spawn`, an argument array, no shell), so that
 * a timeout, an abort or `kill` ends everything it started. Resolves with the exit code: 127 when
 * the program does not exist and 126 when it cannot be run (what a shell would say), 128 + n when
 * signal n ended it. A timeout rejects with `TIMEOUT`, an abort with `ABORTED`.
 */
export function runInGroup(argv: string[], options: GroupRunOptions): Promise<RunResult> {
  const [program, ...args] = argv;
  if (program === undefined) return Promise.reject(new SandboxError('INVALID_INPUT', 'A command needs at least the program to run.'));
  if (options.signal?.aborted) return Promise.reject(aborted(program));
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let ending: SandboxError | undefined;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const stop = (why: SandboxError) => {
      if (ending || child.pid === undefined) return;
      ending = why;
      void endProcessGroup(child.pid);
    };
    const onAbort = () => stop(aborted(program));
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      options.signal?.removeEventListener('abort', onAbort);
      if (child.pid !== undefined) options.onEnd?.(child.pid);
      outcome();
    };

    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid !== undefined) return; // started; its end is reported by 'exit'/'close'
      const exitCode = error.code === 'ENOENT' ? 127 : error.code === 'EACCES' ? 126 : undefined;
      if (exitCode === undefined) {
        settle(() => reject(new SandboxError('PROVIDER_FAILED', `${program} could not be started: ${error.message}`, { program })));
        return;
      }
      options.onStderr?.(`${program}: ${exitCode === 127 ? 'command not found' : 'permission denied'}\n`);
      settle(() => resolve({ exitCode }));
    });
    if (child.pid === undefined) return;

    options.onStart?.(child.pid);
    forward(child.stdout, options.onStdout);
    forward(child.stderr, options.onStderr);
    if (child.stdin) {
      // A program that does not read its input closes the pipe early (EPIPE): its exit code tells.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.stdin);
    }
    if (options.timeoutMs) {
      const limit = options.timeoutMs;
      timers.push(setTimeout(() => stop(new SandboxError('TIMEOUT', `${program} ran longer than ${limit} ms and was ended.`, { program, timeoutMs: limit })), limit));
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (code: number | null, signal: NodeJS.Signals | null) =>
      settle(() => (ending ? reject(ending) : resolve({ exitCode: code ?? 128 + (signal ? os.constants.signals[signal] : 0) })));
    child.on('exit', (code, signal) => {
      timers.push(
        setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          finish(code, signal);
        }, DRAIN_AFTER_EXIT_MS),
      );
    });
    child.on('close', finish);
  });
}

function forward(stream: Readable | null, to: ((chunk: string) => void) | undefined): void {
  if (!stream) return;
  const decoder = new StringDecoder('utf8');
  stream.on('data', (chunk: Buffer) => {
    const text = decoder.write(chunk);
    if (text && to) to(text);
  });
  stream.on('end', () => {
    const rest = decoder.end();
    if (rest && to) to(rest);
  });
}

function aborted(program: string): SandboxError {
  return new SandboxError('ABORTED', `${program} was stopped: the run was aborted.`, { program });
}
