import { SandboxError } from '../errors';
import { E2B_KEYS_URL, fromE2BError } from './e2b-errors';
import { E2BSandbox } from './e2b-sandbox';
import { loadE2BSdk } from './e2b-sdk';
import type { E2BSdk } from './e2b-sdk';
import type { CreateSandboxOptions, SandboxProvider } from './sandbox';

/**
 * The E2B template a run uses unless told otherwise: E2B's prebuilt image with Claude Code. Older
 * E2B guides call it `anthropic-claude-code`; its current docs name it `claude`.
 */
export const DEFAULT_E2B_TEMPLATE = 'anthropic-claude-code';

/** Where the repository goes in an E2B sandbox (the template's user is `user`). */
export const E2B_WORKDIR = '/home/user/repo';

/** Where the runner keeps its own files in an E2B sandbox. */
export const E2B_SCRATCH_DIR = '/home/user/.parallel-cc';

/** Options of {@link E2BProvider}. */
export interface E2BProviderOptions {
  /** The E2B API key; default `env.E2B_API_KEY`. */
  apiKey?: string;
  env?: NodeJS.ProcessEnv;
  /** The SDK (tests pass a fake); default the `e2b` package, loaded on first use. */
  sdk?: E2BSdk | (() => Promise<E2BSdk>);
  workdir?: string;
  scratchDir?: string;
}

/**
 * The API key from `options.apiKey` or `E2B_API_KEY`; an `AUTH_MISSING` error saying how to get
 * one when there is none. Cheap: call it before uploading anything.
 */
export function requireE2BApiKey(options: Pick<E2BProviderOptions, 'apiKey' | 'env'> = {}): string {
  const key = (options.apiKey ?? (options.env ?? process.env).E2B_API_KEY ?? '').trim();
  if (!key) {
    throw new SandboxError(
      'AUTH_MISSING',
      `No E2B API key: set E2B_API_KEY to a key from ${E2B_KEYS_URL}, or run with --provider local.`,
    );
  }
  return key;
}

/** Sandboxes in E2B's cloud. The API key never appears in a message, a log or argv. */
export class E2BProvider implements SandboxProvider {
  readonly name = 'e2b' as const;
  readonly workdir: string;
  readonly scratchDir: string;
  // Private fields: the key never shows in a log of the object (inspect, JSON).
  readonly #options: E2BProviderOptions;
  #sdk: Promise<E2BSdk> | undefined;

  constructor(options: E2BProviderOptions = {}) {
    this.#options = options;
    this.workdir = options.workdir ?? E2B_WORKDIR;
    this.scratchDir = options.scratchDir ?? E2B_SCRATCH_DIR;
  }

  /** Throws `AUTH_MISSING` when there is no API key: call it before uploading anything. */
  checkCredentials(): void {
    requireE2BApiKey(this.#options);
  }

  /** Starts a sandbox from `options.template` and makes its {@link workdir} and scratch folder. */
  async create(options: CreateSandboxOptions): Promise<E2BSandbox> {
    const apiKey = requireE2BApiKey(this.#options);
    const secrets = [apiKey, ...Object.values(options.envs)];
    const sdk = await this.loadSdk();
    let made;
    try {
      made = await sdk.Sandbox.create(options.template, {
        apiKey,
        timeoutMs: options.timeoutMs,
        metadata: options.metadata,
        envs: options.envs,
      });
    } catch (error) {
      throw fromE2BError(error, `create a sandbox from the template "${options.template}"`, secrets);
    }
    const sandbox = new E2BSandbox(made, this.workdir, this.scratchDir, secrets);
    try {
      const { exitCode } = await sandbox.run(['mkdir', '-p', this.workdir, this.scratchDir], { cwd: '/' });
      if (exitCode !== 0) {
        throw new SandboxError('PROVIDER_FAILED', `Could not make ${this.workdir} in the new sandbox (exit code ${exitCode}).`, {
          sandboxId: sandbox.id,
        });
      }
    } catch (error) {
      await sandbox.kill().catch(() => undefined);
      throw error;
    }
    return sandbox;
  }

  /** Finds a running sandbox by id; its commands no longer get the creation `envs`. */
  async connect(sandboxId: string): Promise<E2BSandbox> {
    const apiKey = requireE2BApiKey(this.#options);
    const sdk = await this.loadSdk();
    try {
      return new E2BSandbox(await sdk.Sandbox.connect(sandboxId, { apiKey }), this.workdir, this.scratchDir, [apiKey]);
    } catch (error) {
      throw fromE2BError(error, `connect to the sandbox ${sandboxId}`, [apiKey]);
    }
  }

  private loadSdk(): Promise<E2BSdk> {
    const given = this.#options.sdk;
    this.#sdk ??= typeof given === 'function' ? given() : given ? Promise.resolve(given) : loadE2BSdk();
    return this.#sdk;
  }
}
