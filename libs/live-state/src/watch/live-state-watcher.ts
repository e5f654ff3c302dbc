import * as path from 'node:path';
import { preloadParser } from '@parallel-cc/conflict-engine';
import type { Coordinator } from '@parallel-cc/core-sessions';
import type { LiveSandboxRun, LiveState, RepositoryMatrix, TimelineEntry } from '../state/live-state';
import { matrixOf } from '../state/read-live-state';
import { readSandboxRuns } from '../state/read-sandbox-runs';
import { readSessions } from '../state/read-sessions';
import type { RepositorySessions } from '../state/read-sessions';
import { readTimeline } from '../state/read-timeline';
import type { StateLimits } from '../state/limits';
import { CoalescingTask } from './coalescing-task';
import { matrixInputKey, matrixKey, sessionsKey } from './comparable';
import { debounce } from './debounce';
import { FolderWatchers } from './folder-watchers';
import { gitDirOf, gitWatchTargets } from './git-watch-targets';
import type { WatchTarget } from './git-watch-targets';
import type { LiveStateChange, LiveStatePart } from './live-state-change';

/** What the watcher needs, options resolved. */
export interface WatcherSetup {
  coordinator: Coordinator;
  repoRoot: string | undefined;
  limits: StateLimits;
  withMatrix: boolean;
  debounceMs: number;
  onChange: (change: LiveStateChange) => void;
  onError: (error: unknown) => void;
}

/** One repository's matrix: recomputed (serially, coalesced) after its git dir or its sessions' work changed. */
interface MatrixSlot {
  task: CoalescingTask;
  soon: ReturnType<typeof debounce>;
  matrix: RepositoryMatrix | null;
}

/**
 * The parts of a live state and what keeps each current: the database folder (sessions, timeline,
 * runs: database reads only), each repository's git dir (its matrix: git), the logs of runs in
 * progress (runs). Each part is recomputed on its own and announced only when it differs.
 */
export class LiveStateWatcher {
  private groups: RepositorySessions[] = [];
  private timeline: TimelineEntry[] = [];
  private runs: LiveSandboxRun[] = [];
  private readonly matrices = new Map<string, MatrixSlot>();
  private runLogFolders = new Set<string>();
  private generatedAt = new Date().toISOString();
  private closed = false;
  /** Changes are announced once the first state is complete. */
  private announcing = false;
  private readonly folders: FolderWatchers;
  readonly registry: CoalescingTask;
  private readonly registrySoon: ReturnType<typeof debounce>;

  constructor(private readonly setup: WatcherSetup) {
    this.folders = new FolderWatchers((target) => this.onFolderEvent(target));
    this.registry = new CoalescingTask(() => this.rereadRegistry(), setup.onError);
    this.registrySoon = debounce(setup.debounceMs, () => this.registry.trigger());
  }

  /** Reads everything once, quietly, and starts watching. */
  async start(): Promise<LiveState> {
    const db = this.setup.coordinator.path;
    const dbName = path.basename(db);
    this.folders.sync('registry', [{ dir: path.dirname(db), recursive: false, accept: (n) => n === dbName || n === `${dbName}-wal` }]);
    await this.rereadRegistry();
    await Promise.all([...this.matrices.values()].map((slot) => slot.task.idle()));
    this.announcing = true;
    // The first conflict would otherwise pay for loading the parser (about a second) before it shows.
    if (this.setup.withMatrix) setImmediate(() => this.closed || preloadParser());
    return this.state();
  }

  /** The state as last computed. */
  state(): LiveState {
    return {
      database: this.setup.coordinator.path,
      generatedAt: this.generatedAt,
      repositories: this.groups.map((g) => ({ ...g, matrix: this.matrices.get(g.repoPath)?.matrix ?? null })),
      timeline: this.timeline,
      sandboxRuns: this.runs,
    };
  }

  /** Re-reads the sessions from the database (the liveness tick). */
  recheckSessions(): void {
    this.registry.trigger();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.registrySoon.cancel();
    for (const slot of this.matrices.values()) slot.soon.cancel();
    await this.registry.idle();
    await Promise.all([...this.matrices.values()].map((slot) => slot.task.idle()));
    await this.folders.close();
  }

  private onFolderEvent(target: WatchTarget): void {
    if (this.closed) return;
    if (target.dir === path.dirname(this.setup.coordinator.path) || this.runLogFolders.has(target.dir)) {
      this.registrySoon.schedule();
      return;
    }
    for (const [repo, slot] of this.matrices) {
      const gitDir = gitDirOf(repo);
      if (gitDir && (target.dir === gitDir || target.dir.startsWith(`${gitDir}${path.sep}`))) {
        // A worktree added or removed changes which folders to watch.
        if (target.dir === path.join(gitDir, 'worktrees')) this.folders.sync(repo, gitWatchTargets(gitDir));
        slot.soon.schedule();
      }
    }
  }

  private async rereadRegistry(): Promise<void> {
    if (this.closed) return;
    const { coordinator, repoRoot, limits } = this.setup;
    const now = new Date();
    const groups = await readSessions(coordinator, { repoRoot, now });
    const timeline = await readTimeline(coordinator, { repoRoot, limit: limits.timelineLimit });
    const runs = await readSandboxRuns(coordinator, { repoRoot, tailBytes: limits.logTailBytes });
    if (this.closed) return;
    const before = new Map(this.groups.map((g) => [g.repoPath, g]));
    const after = new Map(groups.map((g) => [g.repoPath, g]));
    const timelineChanged = JSON.stringify(timeline) !== JSON.stringify(this.timeline);
    const runsChanged = JSON.stringify(runs) !== JSON.stringify(this.runs);
    this.groups = groups;
    this.timeline = timeline;
    this.runs = runs;
    this.generatedAt = now.toISOString();
    this.watchRunLogs(runs);
    for (const repo of new Set([...before.keys(), ...after.keys()])) {
      const [was, is] = [before.get(repo), after.get(repo)];
      if (sessionsKey(was) !== sessionsKey(is)) this.emit('sessions', repo);
      if (matrixInputKey(was) !== matrixInputKey(is)) this.matrixSlot(repo, is).task.trigger();
    }
    if (timelineChanged) this.emit('events', null);
    if (runsChanged) this.emit('sandboxRuns', null);
  }

  private matrixSlot(repo: string, group: RepositorySessions | undefined): MatrixSlot {
    const existing = this.matrices.get(repo);
    if (existing) return existing;
    const slot: MatrixSlot = {
      matrix: null,
      task: new CoalescingTask(() => this.recomputeMatrix(repo, slot), this.setup.onError),
      soon: debounce(this.setup.debounceMs, () => slot.task.trigger()),
    };
    this.matrices.set(repo, slot);
    const gitDir = group ? gitDirOf(repo) : null;
    if (gitDir) this.folders.sync(repo, gitWatchTargets(gitDir));
    return slot;
  }

  private async recomputeMatrix(repo: string, slot: MatrixSlot): Promise<void> {
    if (this.closed) return;
    const group = this.groups.find((g) => g.repoPath === repo);
    const matrix = group && this.setup.withMatrix ? await matrixOf(this.setup.coordinator, group, new Date()) : null;
    if (this.closed) return;
    const changed = matrixKey(matrix) !== matrixKey(slot.matrix);
    slot.matrix = matrix;
    if (!group) {
      // The repository's last session went: stop watching it.
      this.folders.sync(repo, []);
      this.matrices.delete(repo);
    } else {
      const gitDir = gitDirOf(repo);
      this.folders.sync(repo, gitDir ? gitWatchTargets(gitDir) : []);
    }
    if (changed) this.emit('matrix', repo);
  }

  private watchRunLogs(runs: LiveSandboxRun[]): void {
    const byFolder = new Map<string, Set<string>>();
    for (const run of runs.filter((r) => r.alive)) {
      const dir = path.dirname(run.logPath);
      byFolder.set(dir, (byFolder.get(dir) ?? new Set()).add(path.basename(run.logPath)));
    }
    this.runLogFolders = new Set(byFolder.keys());
    this.folders.sync('logs', [...byFolder].map(([dir, names]) => ({ dir, recursive: false, accept: (n: string) => names.has(n) })));
  }

  private emit(part: LiveStatePart, repo: string | null): void {
    if (this.closed || !this.announcing) return;
    try {
      this.setup.onChange({ part, repo, state: this.state() });
    } catch (error) {
      this.setup.onError(error);
    }
  }
}
