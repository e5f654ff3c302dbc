import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ConflictFile } from '../conflict-file';
import type { ClassifiedConflict } from '../detect-conflicts';
import type { FileVerdict } from '../classify/verdicts';
import type { Offload, SemanticTask } from './offload';

/** What a worker is asked: a merge's semantic check, or conflicted files' verdicts. */
export type WorkerTask = { kind: 'semantic'; task: SemanticTask } | { kind: 'files'; files: ConflictFile[] };

/** A worker's answer to one task: its result, or the message of what threw. */
export type WorkerReply = { id: number; result: ClassifiedConflict[] | FileVerdict[] } | { id: number; error: string };

// Workers left idle this long are stopped (their kept parses go with them); a live preview
// polling sooner keeps them, and their caches, warm.
const IDLE_MS = 60_000;

interface PooledWorker {
  worker: Worker;
  pending: Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>;
}

/**
 * Worker threads that do a matrix's JavaScript-heavy work (the semantic checks, and parsing and
 * comparing conflicted files), so that it uses more than one core and leaves the calling thread
 * free (an MCP server keeps answering while a preview runs); the checks' git runs on the calling
 * thread. Work goes to a worker by what it reads: every semantic check to the first (the sides'
 * diffs and APIs it keeps serve the next checks), each conflicted file to one of the others by
 * its path (its versions' parses meet the same thread again), so that no two threads parse the
 * same blob. A busy worker holds the process open, an idle one does not, and the pool stops its
 * workers after a minute without work. A task whose worker dies is rejected; the worker is
 * started again for the next.
 */
export class CheckPool {
  private readonly workers: Array<PooledWorker | undefined> = [];
  // Which worker analyses each path, and how many characters each was given: a path's versions
  // meet the same worker's parses again, and the workers get about as much to parse.
  private readonly fileSlots = new Map<string, number>();
  private readonly given: number[] = [];
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly script: string,
    readonly size: number,
  ) {}

  /**
   * The work of checks sent to this pool: with `semantic`, the first worker runs the semantic
   * checks and the others analyse files (all of them when there is one); without, all analyse files.
   */
  offload(semantic: boolean): Offload {
    const first = semantic && this.size > 1 ? 1 : 0;
    return {
      semantic: (task) => this.send(0, { kind: 'semantic', task }) as Promise<ClassifiedConflict[]>,
      analyze: async (files) => {
        const bySlot = new Map<number, number[]>();
        files.forEach((file, i) => {
          const slot = this.slotOf(file, first);
          const indexes = bySlot.get(slot);
          if (indexes) indexes.push(i);
          else bySlot.set(slot, [i]);
        });
        const verdicts = new Array<FileVerdict>(files.length);
        await Promise.all(
          [...bySlot].map(async ([slot, indexes]) => {
            const answer = (await this.send(slot, { kind: 'files', files: indexes.map((i) => files[i]!) })) as FileVerdict[];
            indexes.forEach((i, k) => (verdicts[i] = answer[k]!));
          }),
        );
        return verdicts;
      },
    };
  }

  /**
   * The worker (from `first` on) that analyses a file: the one that analysed its path before, else
   * the one given the fewest characters to analyse so far.
   */
  private slotOf(file: ConflictFile, first: number): number {
    const known = this.fileSlots.get(file.path);
    if (known !== undefined && known >= first) return known;
    let slot = first;
    for (let k = first + 1; k < this.size; k++) if ((this.given[k] ?? 0) < (this.given[slot] ?? 0)) slot = k;
    this.fileSlots.set(file.path, slot);
    this.given[slot] = (this.given[slot] ?? 0) + [file.base, file.ours, file.theirs].reduce((sum, v) => sum + (v?.text.length ?? 0), 0);
    return slot;
  }

  /** Stops every worker now (tasks in flight are rejected). */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    // The workers' parses go with them.
    this.fileSlots.clear();
    this.given.length = 0;
    const workers = this.workers.splice(0).filter((w): w is PooledWorker => w !== undefined);
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }

  private send(index: number, task: WorkerTask): Promise<unknown> {
    clearTimeout(this.idleTimer);
    const slot = this.workers[index] ?? this.start(index);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (slot.pending.size === 0) slot.worker.ref();
      slot.pending.set(id, { resolve, reject });
      // The caller's environment as it is now goes with each task: git in a worker runs as it would here.
      slot.worker.postMessage({ id, task, env: { ...process.env } });
    });
  }

  private start(index: number): PooledWorker {
    const worker = new Worker(this.script);
    const slot: PooledWorker = { worker, pending: new Map() };
    const fail = (error: Error) => {
      if (this.workers[index] === slot) this.workers[index] = undefined;
      for (const { reject } of slot.pending.values()) reject(error);
      slot.pending.clear();
    };
    worker.on('message', (reply: WorkerReply) => {
      const waiting = slot.pending.get(reply.id);
      if (!waiting) return;
      slot.pending.delete(reply.id);
      if ('result' in reply) waiting.resolve(reply.result);
      else waiting.reject(new Error(reply.error));
      if (slot.pending.size === 0) this.rested(slot);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the check worker stopped (exit code ${code})`)));
    worker.unref();
    this.workers[index] = slot;
    return slot;
  }

  /** A worker that finished its tasks no longer holds the process open; once all rest, the pool stops after {@link IDLE_MS}. */
  private rested(slot: PooledWorker): void {
    slot.worker.unref();
    if (this.workers.every((w) => w === undefined || w.pending.size === 0)) {
      this.idleTimer = setTimeout(() => void this.close(), IDLE_MS);
      this.idleTimer.unref();
    }
  }
}

let shared: CheckPool | undefined;
let sharedSize = 0;

/**
 * The process's pool of `size` check workers (made again when a bigger one is asked for), or
 * null when the worker's script is not to be found: a bundle that left this package out runs
 * its checks on the calling thread instead.
 */
export function checkPool(size: number): CheckPool | null {
  if (shared && sharedSize >= size) return shared;
  const script = workerScript();
  if (script === null) return null;
  void shared?.close();
  shared = new CheckPool(script, size);
  sharedSize = size;
  return shared;
}

/**
 * The worker's script: beside this module in the package's build, else the package's
 * `check-worker` export as installed (an app that bundled this package ships it as a dependency).
 */
function workerScript(): string | null {
  const beside = path.join(__dirname, 'check-worker.js');
  if (fs.existsSync(beside)) return beside;
  try {
    // Not an import: the installed package's file, found at run time from a bundle that inlined this one.
    // eslint-disable-next-line @nx/enforce-module-boundaries
    return require.resolve('@parallel-cc/conflict-engine/check-worker');
  } catch {
    return null;
  }
}
