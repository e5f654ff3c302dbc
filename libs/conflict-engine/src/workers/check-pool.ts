import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PairCheck } from '../matrix/conflict-matrix';
import type { CheckTask } from '../matrix/run-check';

/** A worker's answer to one task: the check, or the message of what threw. */
export type CheckReply = { id: number; check: PairCheck } | { id: number; error: string };

// Workers left idle this long are stopped (their kept parses go with them); a live preview
// polling sooner keeps them, and their caches, warm.
const IDLE_MS = 60_000;

interface PooledWorker {
  worker: Worker;
  pending: Map<number, { resolve: (check: PairCheck) => void; reject: (error: Error) => void }>;
}

/**
 * Worker threads that run a matrix's checks, so that classifying conflicts (JavaScript's work:
 * parsing, comparing) uses more than one core and leaves the calling thread free (an MCP
 * server keeps answering while a preview runs). A task goes to the worker with the fewest in
 * flight; a busy worker holds the process open, an idle one does not, and the pool stops its
 * workers after a minute without work. A task whose worker dies is rejected.
 */
export class CheckPool {
  private readonly workers: PooledWorker[] = [];
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly script: string,
    private readonly size: number,
  ) {}

  run(task: CheckTask): Promise<PairCheck> {
    clearTimeout(this.idleTimer);
    const slot = this.leastBusy();
    const id = this.nextId++;
    return new Promise<PairCheck>((resolve, reject) => {
      if (slot.pending.size === 0) slot.worker.ref();
      slot.pending.set(id, { resolve, reject });
      // The caller's environment as it is now goes with each task: git in a worker runs as it would here.
      slot.worker.postMessage({ id, task, env: { ...process.env } });
    });
  }

  /** Stops every worker now (tasks in flight are rejected). */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const workers = this.workers.splice(0);
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }

  private leastBusy(): PooledWorker {
    const least = this.workers.reduce<PooledWorker | undefined>((best, w) => (best === undefined || w.pending.size < best.pending.size ? w : best), undefined);
    // A new worker only while none is free and the pool is not full.
    if (least && (least.pending.size === 0 || this.workers.length >= this.size)) return least;
    return this.start();
  }

  private start(): PooledWorker {
    const worker = new Worker(this.script);
    const slot: PooledWorker = { worker, pending: new Map() };
    const fail = (error: Error) => {
      const index = this.workers.indexOf(slot);
      if (index !== -1) this.workers.splice(index, 1);
      for (const { reject } of slot.pending.values()) reject(error);
      slot.pending.clear();
    };
    worker.on('message', (reply: CheckReply) => {
      const waiting = slot.pending.get(reply.id);
      if (!waiting) return;
      slot.pending.delete(reply.id);
      if ('check' in reply) waiting.resolve(reply.check);
      else waiting.reject(new Error(reply.error));
      if (slot.pending.size === 0) this.rested(slot);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the check worker stopped (exit code ${code})`)));
    worker.unref();
    this.workers.push(slot);
    return slot;
  }

  /** A worker that finished its tasks no longer holds the process open; once all rest, the pool stops after {@link IDLE_MS}. */
  private rested(slot: PooledWorker): void {
    slot.worker.unref();
    if (this.workers.every((w) => w.pending.size === 0)) {
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
