// The lib's own seam to the outside world it runs agents in. The E2B SDK is one implementation,
// a temp folder with child processes another; everything else in the lib uses only these types.

/** What a new sandbox is made from. */
export interface CreateSandboxOptions {
  /** The E2B template (the local provider ignores it). */
  template: string;
  /** How long the sandbox may live before its provider ends it, in milliseconds. */
  timeoutMs: number;
  /** Environment every command in the sandbox gets (secrets go here, never into argv). */
  envs: Record<string, string>;
  /** Labels stored with the sandbox (E2B shows them in its dashboard and `list`). */
  metadata: Record<string, string>;
}

/** Makes and finds sandboxes. */
export interface SandboxProvider {
  readonly name: 'e2b' | 'local';
  /** Starts a new, empty sandbox. */
  create(options: CreateSandboxOptions): Promise<Sandbox>;
  /** Throws (`AUTH_MISSING`) when the provider lacks what it needs to create a sandbox; cheap, creates nothing. */
  checkCredentials?(): void;
  /** Finds a running sandbox again by its id (from another process, e.g. `sandbox kill`). */
  connect(sandboxId: string): Promise<Sandbox>;
}

/** Options of {@link Sandbox.run}. */
export interface RunOptions {
  /** Working directory; relative to {@link Sandbox.workdir}, which is the default. */
  cwd?: string;
  /** Environment added to the sandbox's own for this command. */
  envs?: Record<string, string>;
  /** Bytes fed to the command's stdin exactly as given; without it stdin is empty. */
  stdin?: string | Buffer;
  /** Ends the command after this long (a `TIMEOUT` error); absent or 0: no limit. */
  timeoutMs?: number;
  /** Receives stdout as it comes, decoded as UTF-8 (never split inside a character). */
  onStdout?: (chunk: string) => void;
  /** Receives stderr as it comes, decoded as UTF-8. */
  onStderr?: (chunk: string) => void;
  /** Aborting ends the command (an `ABORTED` error). */
  signal?: AbortSignal;
}

/** How a command ended. */
export interface RunResult {
  /** The exit code; 127 when the program was not found; 128 + n when signal n ended it. */
  exitCode: number;
}

/** One sandbox: a place with files and processes. */
export interface Sandbox {
  readonly id: string;
  /** The folder the repository is unpacked into. */
  readonly workdir: string;
  /** A folder outside {@link workdir} for the runner's own files (archives, prompt files); never part of the result. */
  readonly scratchDir: string;
  /**
   * Writes a file (folders made as needed); relative paths are inside {@link workdir}. With `mode`
   * the file is created empty with that mode before its content is written (secrets: 0o600).
   */
  writeFile(path: string, data: Buffer | string, options?: { mode?: number }): Promise<void>;
  /** Reads a file's bytes; relative paths are inside {@link workdir}. */
  readFile(path: string): Promise<Buffer>;
  /**
   * Runs argv (never a shell string built from input); stdin optional; streams output; resolves
   * with the exit code (non-zero is a result, not a throw).
   */
  run(argv: string[], options?: RunOptions): Promise<RunResult>;
  /** Moves the sandbox's end to `ms` from now. */
  setTimeout(ms: number): Promise<void>;
  /** Ends every process of the sandbox and the sandbox itself; killing twice is harmless. */
  kill(): Promise<void>;
}
