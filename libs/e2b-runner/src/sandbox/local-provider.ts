import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SandboxError } from '../errors';
import { LOCAL_LAYOUT, LocalSandbox } from './local-sandbox';
import type { CreateSandboxOptions, SandboxProvider } from './sandbox';

/** Options of {@link LocalProvider}. */
export interface LocalProviderOptions {
  /** Where sandbox folders are made; default `<os.tmpdir()>/parallel-cc-sandboxes`. */
  rootDir?: string;
}

/** The default folder local sandboxes are made in. */
export function defaultLocalSandboxRoot(): string {
  return path.join(os.tmpdir(), 'parallel-cc-sandboxes');
}

const LOCAL_ID = /^local-[A-Za-z0-9]+$/;

/**
 * Sandboxes on this machine: each a fresh private folder (mode 0700) whose name is its id, with
 * commands run as child processes. No isolation and nothing added to commands: it runs exactly
 * the argv it is given. For tests, `--provider local`, and users without an E2B account.
 */
export class LocalProvider implements SandboxProvider {
  readonly name = 'local' as const;
  readonly rootDir: string;

  constructor(options: LocalProviderOptions = {}) {
    this.rootDir = path.resolve(options.rootDir ?? defaultLocalSandboxRoot());
  }

  async create(options: CreateSandboxOptions): Promise<LocalSandbox> {
    await fs.promises.mkdir(this.rootDir, { recursive: true, mode: 0o700 });
    const root = await fs.promises.mkdtemp(path.join(this.rootDir, 'local-'));
    await fs.promises.chmod(root, 0o700);
    for (const folder of Object.values(LOCAL_LAYOUT)) await fs.promises.mkdir(path.join(root, folder));
    const sandbox = new LocalSandbox(path.basename(root), root, options.envs);
    await sandbox.setTimeout(options.timeoutMs);
    return sandbox;
  }

  /** The sandbox folder `sandboxId` under {@link rootDir}; its commands no longer get the creation `envs`. */
  async connect(sandboxId: string): Promise<LocalSandbox> {
    const root = path.join(this.rootDir, sandboxId);
    if (!LOCAL_ID.test(sandboxId) || !fs.existsSync(path.join(root, LOCAL_LAYOUT.workdir))) {
      throw new SandboxError('NOT_FOUND', `No local sandbox ${JSON.stringify(sandboxId)} exists in ${this.rootDir}: it has ended or was never made there.`, {
        sandboxId,
        rootDir: this.rootDir,
      });
    }
    return new LocalSandbox(sandboxId, root);
  }
}
