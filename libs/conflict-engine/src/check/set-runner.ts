import { checkKey, memoryCheckCache } from './check-cache';
import type { CheckCache } from './check-cache';
import { checkEnv } from './check-env';
import type { CheckRun } from './check-report';
import { mergeSet } from './merge-set';
import type { SetTip } from './merge-set';
import { runCommand } from './run-command';
import { openScratchWorktree } from './scratch-worktree';
import type { OpenScratchWorktree } from './scratch-worktree';

/** Thrown inside a check to stop it: a run went past the time limit, or the run budget is spent. */
export class CheckStopped extends Error {
  constructor(readonly why: 'timeout' | 'incomplete') {
    super(why);
  }
}

/** What a {@link SetRunner} needs: the repository, the command, the base and the tips by ref. */
export interface SetRunnerOptions {
  repo: string;
  command: string;
  start: string | null;
  tips: Map<string, string>;
  timeoutMs: number;
  maxRuns: number;
  cache?: CheckCache;
  env: NodeJS.ProcessEnv;
  nodeModulesFrom: string | null;
  onRun?: (run: CheckRun) => void;
}

/**
 * Runs the command on sets of branches merged together, each set once: answers come from the
 * cache (per command, base and sorted tips) when they can, else the set is merged, checked out
 * in one scratch worktree (made on the first real run) and the command runs there.
 */
export class SetRunner {
  readonly runs: CheckRun[] = [];
  ran = 0;
  private scratch: Promise<OpenScratchWorktree> | null = null;
  private readonly cache: CheckCache;

  constructor(private readonly options: SetRunnerOptions) {
    this.cache = options.cache ?? memoryCheckCache();
  }

  /** The repository the sets are merged in. */
  get repo(): string {
    return this.options.repo;
  }

  /** The run of exactly these refs, when one was made. */
  runOf(refs: string[]): CheckRun | undefined {
    const key = [...refs].sort().join('\0');
    return this.runs.find((r) => [...r.refs].sort().join('\0') === key);
  }

  /** Runs (or looks up) the command on `refs` merged onto the base. */
  async test(refs: string[]): Promise<CheckRun['outcome']> {
    const earlier = this.runOf(refs);
    if (earlier) return earlier.outcome;
    const { repo, command, start, timeoutMs } = this.options;
    const tips: SetTip[] = refs.map((ref) => ({ ref, oid: this.options.tips.get(ref)! }));
    const key = checkKey(command, start, tips.map((t) => t.oid));
    const cached = this.cache.get(key);
    if (cached) return this.record(refs, { ...cached, cached: true });
    const set = await mergeSet(repo, start, tips);
    if (set.textual.length > 0) return this.record(refs, { exitCode: null, timedOut: false, outputTail: '', cached: false }, 'unmerged');
    if (this.ran >= this.options.maxRuns) throw new CheckStopped('incomplete');
    const tree = await this.worktree(set.commit);
    await tree.checkout(set.commit);
    this.ran += 1;
    const run = await runCommand({ command, cwd: tree.dir, timeoutMs, env: checkEnv(this.options.env) });
    if (!run.timedOut) this.cache.set(key, run);
    const outcome = this.record(refs, { ...run, cached: false });
    if (run.timedOut) throw new CheckStopped('timeout');
    return outcome;
  }

  /** Removes the scratch worktree, when one was made. */
  async close(): Promise<void> {
    if (!this.scratch) return;
    const tree = await this.scratch.catch(() => null);
    await tree?.remove();
  }

  private worktree(start: string): Promise<OpenScratchWorktree> {
    this.scratch ??= openScratchWorktree(this.options.repo, start, this.options.nodeModulesFrom);
    return this.scratch;
  }

  private record(refs: string[], run: Omit<CheckRun, 'refs' | 'outcome'>, outcome?: CheckRun['outcome']): CheckRun['outcome'] {
    const result: CheckRun = {
      refs,
      outcome: outcome ?? (run.exitCode === 0 ? 'pass' : 'fail'),
      exitCode: run.exitCode,
      timedOut: run.timedOut,
      cached: run.cached,
      outputTail: run.exitCode === 0 ? '' : run.outputTail,
    };
    this.runs.push(result);
    this.options.onRun?.(result);
    return result.outcome;
  }
}
