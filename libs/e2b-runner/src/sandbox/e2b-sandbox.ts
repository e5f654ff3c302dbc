import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { SandboxError } from '../errors';
import { commandExitCode, fromE2BError } from './e2b-errors';
import type { E2BSdkSandbox } from './e2b-sdk';
import type { RunOptions, RunResult, Sandbox } from './sandbox';
import { quoteShellArg, shellCommand } from './shell-quote';

// Creates the file empty with the mode before any content exists. The script is a constant; the
// path and mode arrive as positional parameters ($1, $2), quoted like every argument.
const CREATE_PRIVATE = 'umask 077 && mkdir -p "$(dirname "$1")" && : > "$1" && chmod "$2" "$1"';

/** A sandbox in E2B's cloud, through the SDK surface of {@link E2BSdkSandbox}. */
export class E2BSandbox implements Sandbox {
  readonly id: string;
  // Private: the secrets to blank out of errors never show in a log of the object.
  readonly #sdk: E2BSdkSandbox;
  readonly #secrets: string[];

  /** Wraps an SDK sandbox; `secrets` (the API key, secret envs) are blanked out of error messages. */
  constructor(
    sdkSandbox: E2BSdkSandbox,
    readonly workdir: string,
    readonly scratchDir: string,
    secrets: string[] = [],
  ) {
    this.#sdk = sdkSandbox;
    this.#secrets = secrets;
    this.id = sdkSandbox.sandboxId;
  }

  async writeFile(file: string, data: Buffer | string, options: { mode?: number } = {}): Promise<void> {
    const target = this.resolve(file);
    const mode = options.mode === undefined ? undefined : modeText(options.mode);
    if (mode !== undefined) await this.mustRun(['sh', '-c', CREATE_PRIVATE, 'sh', target, mode], `create ${target}`);
    await this.call(`write ${target}`, () => this.#sdk.files.write(target, typeof data === 'string' ? data : toArrayBuffer(data)));
    // In case the SDK replaced the file rather than writing into it.
    if (mode !== undefined) await this.mustRun(['chmod', mode, target], `set the mode of ${target}`);
  }

  async readFile(file: string): Promise<Buffer> {
    const target = this.resolve(file);
    const bytes = await this.call(`read ${target}`, () => this.#sdk.files.read(target, { format: 'bytes' }));
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /**
   * Runs argv as one shell command string in which every argument is single-quoted (E2B's
   * `commands.run` takes a string). `stdin` is written to a file in {@link scratchDir} first and
   * redirected from it, so its bytes never pass through the shell; the file is removed afterwards.
   * An abort stops waiting (`ABORTED`); the process itself ends with the sandbox (`kill`).
   */
  async run(argv: string[], options: RunOptions = {}): Promise<RunResult> {
    let command = shellCommand(argv);
    const stdinFile = options.stdin === undefined ? undefined : path.posix.join(this.scratchDir, `stdin-${randomUUID()}`);
    if (stdinFile !== undefined && options.stdin !== undefined) {
      await this.writeFile(stdinFile, options.stdin);
      command += ` < ${quoteShellArg(stdinFile)}`;
    }
    try {
      return await this.exec(command, argv[0] ?? '', options);
    } finally {
      if (stdinFile !== undefined) await this.exec(shellCommand(['rm', '-f', stdinFile]), 'rm', {}).catch(() => undefined);
    }
  }

  async setTimeout(ms: number): Promise<void> {
    await this.call('extend the sandbox timeout', () => this.#sdk.setTimeout(ms));
  }

  async kill(): Promise<void> {
    await this.call('kill the sandbox', () => this.#sdk.kill());
  }

  private async exec(command: string, program: string, options: RunOptions): Promise<RunResult> {
    if (options.signal?.aborted) throw new SandboxError('ABORTED', `${program} was stopped: the run was aborted.`, { program });
    try {
      const result = await this.#sdk.commands.run(command, {
        cwd: this.resolve(options.cwd ?? '.'),
        envs: options.envs,
        timeoutMs: options.timeoutMs ?? 0,
        onStdout: options.onStdout,
        onStderr: options.onStderr,
        signal: options.signal,
      });
      return { exitCode: result.exitCode };
    } catch (error) {
      const exitCode = commandExitCode(error);
      if (exitCode !== null) return { exitCode };
      if (options.signal?.aborted) throw new SandboxError('ABORTED', `${program} was stopped: the run was aborted.`, { program });
      throw fromE2BError(error, `run ${program}`, this.#secrets);
    }
  }

  private async mustRun(argv: string[], what: string): Promise<void> {
    const stderr: string[] = [];
    const { exitCode } = await this.exec(shellCommand(argv), argv[0] ?? '', { onStderr: (chunk) => stderr.push(chunk) });
    if (exitCode !== 0) {
      throw new SandboxError('PROVIDER_FAILED', `Could not ${what} in the sandbox (exit code ${exitCode}): ${stderr.join('').trim()}`, {
        exitCode,
        sandboxId: this.id,
      });
    }
  }

  private async call<T>(action: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw fromE2BError(error, action, this.#secrets);
    }
  }

  private resolve(file: string): string {
    return path.posix.resolve(this.workdir, file);
  }
}

function modeText(mode: number): string {
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) {
    throw new SandboxError('INVALID_INPUT', `The file mode ${mode} is not valid: give one from 0 to 0o7777, such as 0o600.`, { mode });
  }
  return mode.toString(8).padStart(3, '0');
}

function toArrayBuffer(data: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(data.byteLength);
  new Uint8Array(copy).set(data);
  return copy;
}
