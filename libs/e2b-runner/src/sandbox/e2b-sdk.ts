// The part of the `e2b` SDK this lib uses, declared here (as kysely declares its own SQLite
// interface) so that the provider is written and tested against it: tests pass an in-memory fake.

/** The `commands.run` options this lib passes. */
export interface E2BCommandOptions {
  cwd?: string;
  envs?: Record<string, string>;
  /** 0: no limit (the SDK's default is 60 s, too short for an agent). */
  timeoutMs: number;
  onStdout?: (data: string) => void;
  onStderr?: (data: string) => void;
  signal?: AbortSignal;
}

/** A running E2B sandbox, as the SDK's `Sandbox` instance. */
export interface E2BSdkSandbox {
  readonly sandboxId: string;
  readonly files: {
    /** Creates missing folders; overwrites an existing file. */
    write(path: string, data: string | ArrayBuffer): Promise<unknown>;
    read(path: string, opts: { format: 'bytes' }): Promise<Uint8Array>;
  };
  readonly commands: {
    /** Runs `cmd` in a shell; a non-zero exit throws `CommandExitError` (which has `exitCode`). */
    run(cmd: string, opts: E2BCommandOptions): Promise<{ exitCode: number }>;
  };
  setTimeout(timeoutMs: number): Promise<void>;
  kill(): Promise<unknown>;
}

/** The options of `Sandbox.create` this lib passes. */
export interface E2BCreateOptions {
  apiKey: string;
  timeoutMs: number;
  metadata: Record<string, string>;
  envs: Record<string, string>;
}

/** The `e2b` module, as far as this lib uses it. Errors are told apart by their `name`. */
export interface E2BSdk {
  readonly Sandbox: {
    create(template: string, opts: E2BCreateOptions): Promise<E2BSdkSandbox>;
    connect(sandboxId: string, opts: { apiKey: string }): Promise<E2BSdkSandbox>;
  };
}

/** Loads the real SDK. Heavy (an RPC stack, undici): only ever loaded here, on first use. */
export async function loadE2BSdk(): Promise<E2BSdk> {
  return await import('e2b');
}
