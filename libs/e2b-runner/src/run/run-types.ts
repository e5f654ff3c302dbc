import type { AuthMethod } from '../plan/auth';
import type { SandboxProvider } from '../sandbox/sandbox';

/** Progress of a run, for the CLI to show on stderr; `started` comes first, once the run is recorded. */
export type RunEvent =
  | { type: 'started'; sessionId: string; runId: string }
  | { type: 'stage'; text: string }
  | { type: 'warning'; text: string }
  | { type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'upload'; done: number; total: number };

/** What {@link runSandbox} takes. */
export interface RunSandboxOptions {
  /** Any folder of the repository. */
  repo: string;
  /** Passed to the agent byte for byte, as its stdin; never through a shell string. */
  prompt: string;
  provider: SandboxProvider;
  /** Credentials come from here; never logged. */
  env: NodeJS.ProcessEnv;
  /** Default `api-key`; checked before anything is created. */
  authMethod?: AuthMethod;
  /** null/undefined: uncommitted changes; `auto`: `e2b/<slug>-<stamp>`; else that branch. */
  branch?: string | null;
  /** Push and open a PR once the result is back as a branch (default branch `auto`). */
  gitLive?: { targetBranch?: string };
  /** 10..60, default 60. */
  timeoutMinutes?: number;
  /** Tests only: overrides `timeoutMinutes` with any positive value; warnings still at 50% and 83%. */
  timeoutMs?: number;
  template?: string;
  /** The agent's argv; default on e2b `claude -p --dangerously-skip-permissions`, locally `claude -p`. */
  command?: string[];
  /** Everything up to creating a sandbox; nothing created. */
  dryRun?: boolean;
  ratePerHour?: number;
  onEvent?: (event: RunEvent) => void;
}

/** How a run ended, for the CLI's summary (and `--json`). */
export interface RunSummary {
  runId: string;
  sessionId: string | null;
  status: 'completed' | 'failed' | 'timed_out' | 'killed' | 'dry-run';
  exitCode: number | null;
  worktreePath: string | null;
  branch: string | null;
  prUrl: string | null;
  logPath: string | null;
  uploaded: { files: number; bytes: number };
  excluded: Array<{ path: string; reason: string }>;
  /** Dry runs only: every file the run would upload, with its size in bytes (a link's own size). */
  uploadedFiles?: Array<{ path: string; size: number }>;
  /** Dry runs only: every file the run would leave out, and why: `excluded`, and what git ignores (a wholly ignored folder as one `dir/`). */
  leftOutFiles?: Array<{ path: string; reason: string }>;
  durationMs: number;
  cost: { hours: number; ratePerHour: number; usd: number };
  warnings: string[];
  message: string;
}
