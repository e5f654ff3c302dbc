import * as fs from 'node:fs';
import * as path from 'node:path';
import { processStartTime } from '@parallel-cc/core-sessions';
import { SandboxError } from '../errors';
import { resolveInside } from './inside';
import { runInGroup } from './local-run';
import { endProcessGroup, groupExists } from './process-group';
import type { RunOptions, RunResult, Sandbox } from './sandbox';

/** The folders of a local sandbox, inside its own folder. */
export const LOCAL_LAYOUT = { workdir: 'repo', scratch: 'scratch', processes: 'processes' } as const;

/**
 * A sandbox that is a folder on this machine: `repo/` (the workdir), `scratch/` and `processes/`
 * (one file per running process group, named by its id and holding the leader's start time, so
 * that `kill` from another process ends exactly those). It isolates nothing: commands run as the
 * user, with the user's environment.
 */
export class LocalSandbox implements Sandbox {
  readonly workdir: string;
  readonly scratchDir: string;
  // Private fields: secrets in `envs` never show in a log of the object (inspect, JSON).
  readonly #envs: Record<string, string>;
  #deadline: Date | null = null;

  /** `root` is the sandbox's folder (made by `LocalProvider`); `envs` reach every command. */
  constructor(
    readonly id: string,
    readonly root: string,
    envs: Record<string, string> = {},
  ) {
    this.#envs = envs;
    this.workdir = path.join(root, LOCAL_LAYOUT.workdir);
    this.scratchDir = path.join(root, LOCAL_LAYOUT.scratch);
  }

  /** When `setTimeout` last said the sandbox should end (nothing enforces it locally). */
  get deadline(): Date | null {
    return this.#deadline;
  }

  async writeFile(file: string, data: Buffer | string, options: { mode?: number } = {}): Promise<void> {
    const target = this.resolve(file);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const { mode } = options;
    if (mode === undefined) return fs.promises.writeFile(target, data);
    // An existing file keeps its mode through a write: narrow it first. A new one is created
    // with the mode (less the umask, which the chmod after restores).
    await fs.promises.chmod(target, mode).catch(() => undefined);
    await fs.promises.writeFile(target, data, { mode });
    await fs.promises.chmod(target, mode);
  }

  async readFile(file: string): Promise<Buffer> {
    const target = this.resolve(file);
    try {
      return await fs.promises.readFile(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new SandboxError('NOT_FOUND', `The sandbox has no file ${file}.`, { path: file, sandboxId: this.id });
      }
      throw error;
    }
  }

  async run(argv: string[], options: RunOptions = {}): Promise<RunResult> {
    const cwd = this.resolve(options.cwd ?? '.');
    if (!fs.existsSync(cwd)) {
      throw new SandboxError('NOT_FOUND', `The working directory ${options.cwd ?? cwd} does not exist in the sandbox.`, { cwd });
    }
    const processes = path.join(this.root, LOCAL_LAYOUT.processes);
    return runInGroup(argv, {
      ...options,
      cwd,
      env: { ...withoutHostSecrets(process.env), ...this.#envs, ...options.envs },
      onStart: (pgid) => fs.writeFileSync(path.join(processes, String(pgid)), processStartTime(pgid) ?? ''),
      // Children the command left running in the background keep its record, so kill ends them too.
      onEnd: (pgid) => {
        if (!groupExists(pgid)) fs.rmSync(path.join(processes, String(pgid)), { force: true });
      },
    });
  }

  async setTimeout(ms: number): Promise<void> {
    this.#deadline = new Date(Date.now() + ms);
  }

  async kill(): Promise<void> {
    const processes = path.join(this.root, LOCAL_LAYOUT.processes);
    const entries = fs.existsSync(processes) ? fs.readdirSync(processes) : [];
    await Promise.all(
      entries.map(async (name) => {
        const pgid = Number(name);
        if (!Number.isSafeInteger(pgid) || pgid <= 1) return;
        const recorded = fs.readFileSync(path.join(processes, name), 'utf8');
        const now = processStartTime(pgid);
        // The leader may be a reused PID by now: only a leader with the recorded start time is
        // ours. A dead leader's group that still has members is ours too (the kernel does not
        // hand out a PID that is still some group's id).
        if (now === null ? groupExists(pgid) : now === recorded) await endProcessGroup(pgid);
      }),
    );
    await fs.promises.rm(this.root, { recursive: true, force: true });
  }

  private resolve(file: string): string {
    return resolveInside(this.root, this.workdir, file);
  }
}

// Secrets of the machine that a sandbox never gets (pushes and pull requests are made here, after
// the run): the local sandbox inherits the user's environment, so they are taken out of it.
const HOST_ONLY_SECRETS = ['GITHUB_TOKEN', 'GH_TOKEN', 'GH_ENTERPRISE_TOKEN', 'GITHUB_ENTERPRISE_TOKEN', 'E2B_API_KEY', 'E2B_ACCESS_TOKEN'];

/** `env` without {@link HOST_ONLY_SECRETS}. */
function withoutHostSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  for (const name of HOST_ONLY_SECRETS) delete rest[name];
  return rest;
}
