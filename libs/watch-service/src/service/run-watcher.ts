import { runWatchLoop } from '../watch/run-watch-loop';
import type { WatchLoopOptions } from '../watch/run-watch-loop';
import { acquireWatcherLock } from './watcher-lock';
import { writeWatcherHealth } from './watcher-health';
import type { WatcherHealth } from './watcher-health';

/** Options of {@link runWatcher}: the loop's, and a word for when it has begun. */
export interface WatcherOptions extends WatchLoopOptions {
  /** Called once the lock is held and the health file says running, before the first round. */
  onStart?: () => void;
}

/**
 * Runs a watcher, the service's or `parallel-cc watch-merges`'s: takes the home's watcher lock
 * (`WATCHER_RUNNING` when another watcher holds it), records its health after every round for
 * `--status`, runs {@link runWatchLoop} until `signal` aborts, then records that it stopped and
 * lets the lock go.
 */
export async function runWatcher(options: WatcherOptions): Promise<void> {
  const { onStart, log, ...loop } = options;
  const env = options.env ?? process.env;
  const release = await acquireWatcherLock(env);
  try {
    const health: WatcherHealth = {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      state: 'running',
      rounds: 0,
      lastRoundAt: null,
      lastErrors: [],
      intervalMs: loop.intervalMs,
    };
    writeWatcherHealth(env, health);
    onStart?.();
    try {
      await runWatchLoop({
        ...loop,
        log: (entry) => {
          log(entry);
          health.rounds++;
          health.lastRoundAt = new Date().toISOString();
          health.lastErrors = entry.errors.map((e) => JSON.stringify(e));
          writeWatcherHealth(env, health);
        },
      });
    } finally {
      writeWatcherHealth(env, { ...health, state: 'stopped' });
    }
  } finally {
    await release();
  }
}
