import { abortableSleep } from './abortable-sleep';
import { watchOnce } from './watch-once';
import type { WatchOptions } from './watch-once';

/** Options of {@link runWatchLoop}. */
export interface WatchLoopOptions extends Omit<WatchOptions, 'round'> {
  /** Milliseconds between the end of one round and the start of the next. */
  intervalMs: number;
  /** Stops the loop: between rounds at once, during a round when it ends. */
  signal: AbortSignal;
  /** Receives one structured entry per round (and per round that failed as a whole). */
  log: (entry: Record<string, unknown>) => void;
}

/**
 * The watcher's loop: a {@link watchOnce} round, a log entry, a wait of `intervalMs`, again, until
 * `signal` aborts. A round that fails as a whole (say, the database cannot be opened) is logged
 * and the loop goes on. Resolves once aborted, without waiting out the interval.
 */
export async function runWatchLoop(options: WatchLoopOptions): Promise<void> {
  const { intervalMs, signal, log, ...watch } = options;
  for (let round = 1; !signal.aborted; round++) {
    const at = new Date().toISOString();
    log(await roundEntry({ ...watch, round }, at));
    await abortableSleep(intervalMs, signal);
  }
}

async function roundEntry(options: WatchOptions & { round: number }, at: string): Promise<Record<string, unknown>> {
  try {
    const summary = await watchOnce(options);
    return {
      at,
      round: options.round,
      repos: summary.repos,
      newEvents: summary.events.length,
      events: summary.events.map((e) => ({ repoPath: e.repoPath, branch: e.branch, targetBranch: e.targetBranch, how: e.how })),
      notified: summary.notified,
      cleaned: summary.cleaned,
      kept: summary.kept,
      leftoversRemoved: summary.leftoversRemoved,
      errors: summary.errors,
      warnings: summary.warnings,
      durationMs: summary.durationMs,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { at, round: options.round, repos: 0, newEvents: 0, cleaned: 0, errors: [{ message }], durationMs: Date.now() - Date.parse(at) };
  }
}
