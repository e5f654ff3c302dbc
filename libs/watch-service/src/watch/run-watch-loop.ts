import type { MergeEvent } from '@parallel-cc/merge-detector';
import { abortableSleep } from './abortable-sleep';
import { watchOnce } from './watch-once';
import type { WatchOptions, WatchRoundSummary } from './watch-once';

/** Options of {@link runWatchLoop}. */
export interface WatchLoopOptions extends Omit<WatchOptions, 'round'> {
  /** Milliseconds between the end of one round and the start of the next. */
  intervalMs: number;
  /** Stops the loop: between rounds at once, during a round when it ends. */
  signal: AbortSignal;
  /** Receives one structured entry per round (and per round that failed as a whole). */
  log: (entry: WatchLogEntry) => void;
}

/**
 * What one round of {@link runWatchLoop} did, as logged: a type alias, not an interface, so that it
 * passes where a plain `Record<string, unknown>` is expected (the watcher's JSON log).
 */
export type WatchLogEntry = Omit<WatchRoundSummary, 'events'> & {
  at: string;
  newEvents: number;
  events: Array<Pick<MergeEvent, 'repoPath' | 'branch' | 'targetBranch' | 'how'>>;
};

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

async function roundEntry(options: WatchOptions & { round: number }, at: string): Promise<WatchLogEntry> {
  try {
    const summary = await watchOnce(options);
    const { events, ...rest } = summary;
    return {
      at,
      ...rest,
      round: options.round,
      newEvents: events.length,
      events: events.map((e) => ({ repoPath: e.repoPath, branch: e.branch, targetBranch: e.targetBranch, how: e.how })),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const nothing = { repos: 0, newEvents: 0, events: [], notified: 0, cleaned: 0, kept: 0, leftoversRemoved: 0, warnings: [] };
    return { at, startedAt: at, round: options.round, ...nothing, errors: [{ message }], durationMs: Date.now() - Date.parse(at) };
  }
}
