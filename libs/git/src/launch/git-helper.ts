import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { HELPER_PROGRAM } from './helper-program';

/** One git to run: what {@link GitHelper.run} sends the helper. */
export interface HelperRequest {
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  input: string | Buffer;
  /** Stop git once its stdout passes this many bytes (see `GitCall.maxStdoutBytes`). */
  maxStdout?: number | undefined;
}

/** How a git run by the helper ended: an exit code with its output, or why it could not start. */
export type HelperAnswer = { exitCode: number; stdout: Buffer; stderr: string; truncated?: true } | { startError: string };

interface RawAnswer {
  id?: number;
  ready?: boolean;
  code?: number | null;
  stdout?: Uint8Array;
  stderr?: Uint8Array;
  error?: string;
  truncated?: boolean;
}

/**
 * A small Node process that starts git processes for this one. Starting a process costs its
 * parent time in proportion to the parent's memory (its pages are marked copy-on-write, then
 * faulted back): 1.4 ms of its main thread for a 50 MB Node process, 7 ms (12 ms in all) at 650 MB.
 * The helper stays small, so a large process (an MCP server or watcher holding parses) pays only
 * a message per git. It never keeps its parent alive, and ends when the parent does.
 */
export class GitHelper {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, (answer: RawAnswer) => void>();
  private nextId = 0;
  /** Whether the helper can take requests: false once it exited or failed to start. */
  alive = true;
  /** Whether it is up: requests sent before wait for it to start (some tens of milliseconds). */
  ready = false;

  constructor() {
    const env = { ...process.env };
    // Options meant for this process (a test runner's --require, a profiler) are not the helper's.
    delete env['NODE_OPTIONS'];
    this.child = spawn(process.execPath, ['-e', HELPER_PROGRAM], { env, stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'advanced' });
    this.child.unref();
    this.child.channel?.unref();
    this.child.on('message', (answer: RawAnswer) => this.settle(answer));
    this.child.on('error', () => this.stop());
    this.child.on('exit', () => this.stop());
  }

  /** Runs one git through the helper: `done` tells how it ended, `kill` stops it. */
  run(request: HelperRequest): { done: Promise<HelperAnswer>; kill: () => void } {
    const id = this.nextId++;
    const done = new Promise<HelperAnswer>((resolve) => {
      this.pending.set(id, (raw) => resolve(answerOf(raw)));
      if (this.pending.size === 1) this.child.channel?.ref();
      this.child.send({ id, args: [...request.args], cwd: request.cwd, env: { ...request.env }, input: request.input, maxStdout: request.maxStdout }, (error) => {
        if (error) this.fail(id, error.message);
      });
    });
    const kill = () => {
      if (this.alive) this.child.send({ kill: id }, () => undefined);
    };
    return { done, kill };
  }

  /** Stops the helper: gits it is running go on, their answers are lost (their callers fail). */
  close(): void {
    if (this.child.connected) this.child.disconnect();
    this.stop();
  }

  private settle(raw: RawAnswer): void {
    if (raw.ready) this.ready = true;
    if (raw.id === undefined) return;
    const resolve = this.pending.get(raw.id);
    if (!resolve) return;
    this.pending.delete(raw.id);
    if (this.pending.size === 0) this.child.channel?.unref();
    resolve(raw);
  }

  private fail(id: number, why: string): void {
    this.settle({ id, error: `the git helper process stopped (${why})` });
  }

  private stop(): void {
    this.alive = false;
    for (const id of [...this.pending.keys()]) this.fail(id, 'it exited');
  }
}

function answerOf(raw: RawAnswer): HelperAnswer {
  if (raw.error !== undefined) return { startError: raw.error };
  const bytes = (data: Uint8Array | undefined) => (data === undefined ? Buffer.alloc(0) : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return { exitCode: raw.code ?? 128, stdout: bytes(raw.stdout), stderr: bytes(raw.stderr).toString('utf8'), ...(raw.truncated ? { truncated: true as const } : {}) };
}
