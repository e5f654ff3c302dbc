// An in-memory stand-in for the part of the e2b SDK the provider uses (the lib's `E2BSdk`),
// passed to E2BProvider through its options: nothing is patched. It throws errors shaped like
// the SDK's (told apart by `name`, as the SDK sets it) and records every call in order.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { E2BSdk } from '../src';
import type { E2BCommandOptions, E2BCreateOptions, E2BSdkSandbox } from '../src/sandbox/e2b-sdk';

/** The SDK's error classes, as far as their shape matters. */
export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}
export class SandboxNotFoundError extends Error {
  override name = 'SandboxNotFoundError';
}
export class CommandExitError extends Error {
  override name = 'CommandExitError';
  constructor(
    readonly exitCode: number,
    readonly stdout = '',
    readonly stderr = '',
  ) {
    super(`exit status ${exitCode}`);
  }
}

/** What the SDK throws when E2B's API cannot be reached: undici's `fetch failed` with the DNS error as cause. */
export function networkError(): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.e2b.app'), { code: 'ENOTFOUND' }) });
}

/** The key the fake accepts; any other one is refused as E2B would. */
export const GOOD_KEY = 'e2b_0123456789abcdef0123456789abcdef';

/** What a command handler returns: how the command ended and what it printed. */
export interface FakeCommandResult {
  exitCode: number;
  stdout?: string;
  stderr?: string;
}

/** Decides how a command run in a fake sandbox ends; the default says exit 0. */
export type CommandHandler = (cmd: string, opts: E2BCommandOptions, sandbox: FakeSandbox) => Promise<FakeCommandResult> | FakeCommandResult;

/** One recorded call: `run`, `write`, `read`, `setTimeout` or `kill`. */
export type FakeCall =
  | { op: 'run'; cmd: string; opts: E2BCommandOptions }
  | { op: 'write'; path: string; bytes: Buffer }
  | { op: 'read'; path: string }
  | { op: 'setTimeout'; ms: number }
  | { op: 'kill' };

/** A sandbox of the fake: files in a map, commands answered by the SDK's handler. */
export class FakeSandbox implements E2BSdkSandbox {
  readonly files = {
    write: async (file: string, data: string | ArrayBuffer) => {
      this.sdk.maybeFail();
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(new Uint8Array(data));
      this.calls.push({ op: 'write', path: file, bytes });
      this.stored.set(file, bytes);
      return { path: file };
    },
    read: async (file: string, _opts: { format: 'bytes' }) => {
      this.sdk.maybeFail();
      this.calls.push({ op: 'read', path: file });
      const bytes = this.stored.get(file);
      if (!bytes) throw Object.assign(new Error(`file ${file} not found`), { name: 'FileNotFoundError' });
      return new Uint8Array(bytes);
    },
  };
  readonly commands = {
    run: async (cmd: string, opts: E2BCommandOptions) => {
      this.sdk.maybeFail();
      this.calls.push({ op: 'run', cmd, opts });
      const result = await this.sdk.handler(cmd, opts, this);
      if (result.stdout) opts.onStdout?.(result.stdout);
      if (result.stderr) opts.onStderr?.(result.stderr);
      if (result.exitCode !== 0) throw new CommandExitError(result.exitCode, result.stdout, result.stderr);
      return { exitCode: 0, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
    },
  };
  /** Files by absolute path. */
  readonly stored = new Map<string, Buffer>();
  readonly calls: FakeCall[] = [];
  killed = false;

  constructor(
    readonly sandboxId: string,
    readonly template: string,
    readonly createOptions: E2BCreateOptions,
    private readonly sdk: FakeE2B,
  ) {}

  async setTimeout(ms: number): Promise<void> {
    this.sdk.maybeFail();
    this.calls.push({ op: 'setTimeout', ms });
  }

  async kill(): Promise<boolean> {
    this.sdk.maybeFail();
    this.calls.push({ op: 'kill' });
    this.killed = true;
    return true;
  }

  /** The commands run so far. */
  commandsRun(): string[] {
    return this.calls.flatMap((c) => (c.op === 'run' ? [c.cmd] : []));
  }
}

/** The fake SDK: `new FakeE2B()` is an `E2BSdk`. */
export class FakeE2B implements E2BSdk {
  readonly sandboxes = new Map<string, FakeSandbox>();
  /** The API keys `create` and `connect` were given (to check where the key went). */
  readonly keysSeen: string[] = [];
  handler: CommandHandler = () => ({ exitCode: 0 });
  /** Thrown by the next SDK call (then cleared): a network or timeout failure. */
  failNext: Error | undefined;
  private count = 0;

  readonly Sandbox = {
    create: async (template: string, opts: E2BCreateOptions): Promise<FakeSandbox> => {
      this.checkKey(opts.apiKey);
      this.maybeFail();
      const sandbox = new FakeSandbox(`fake-${++this.count}`, template, opts, this);
      this.sandboxes.set(sandbox.sandboxId, sandbox);
      return sandbox;
    },
    connect: async (sandboxId: string, opts: { apiKey: string }): Promise<FakeSandbox> => {
      this.checkKey(opts.apiKey);
      this.maybeFail();
      const sandbox = this.sandboxes.get(sandboxId);
      if (!sandbox || sandbox.killed) throw new SandboxNotFoundError(`Sandbox ${sandboxId} not found`);
      return sandbox;
    },
  };

  /** Throws {@link failNext} once, if set. */
  maybeFail(): void {
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure) throw failure;
  }

  private checkKey(apiKey: string): void {
    this.keysSeen.push(apiKey);
    // The real API's 401 answer; the SDK's own message names neither the key nor how to fix it.
    if (apiKey !== GOOD_KEY) throw new AuthenticationError(`401: Invalid API key ${apiKey}`);
  }
}

/**
 * A handler that runs each command string in a real `bash -c` on this machine, after writing the
 * fake's files to disk (give the provider host folders as its workdir and scratch dir): the
 * command the provider built meets a real shell, quoting, redirection and all.
 */
export function realShell(): CommandHandler {
  return (cmd, opts, sandbox) => {
    for (const [file, bytes] of sandbox.stored) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, bytes);
    }
    return new Promise((resolve) => {
      const child = spawn('bash', ['-c', cmd], { cwd: opts.cwd, env: { ...process.env, ...opts.envs }, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      child.on('close', (code) =>
        resolve({ exitCode: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
      );
    });
  };
}
