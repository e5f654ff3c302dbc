import * as fs from 'node:fs';
import * as path from 'node:path';
import { coordinatorHome, processStartTime } from '@parallel-cc/core-sessions';
import { acquireOwnedLock, WorktreeError } from '@parallel-cc/worktree-gtr';
import { WatchServiceError } from '../errors';
import { readWatcherHealth } from './watcher-health';

/**
 * Takes the single-instance lock of the watcher for a `PARALLEL_CC_HOME` (`watcher.lock`), the
 * one the service and `parallel-cc watch-merges` both take. A second watcher fails at once with
 * `WATCHER_RUNNING`, naming the PID that holds it. The lock names its owner (PID and start time),
 * so one left by a watcher that died, even by SIGKILL, is taken over at once.
 */
export async function acquireWatcherLock(env: NodeJS.ProcessEnv = process.env): Promise<() => Promise<void>> {
  const home = coordinatorHome(env);
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  try {
    const release = await acquireOwnedLock(path.join(home, 'watcher.lock'), { probe: processStartTime, timeoutMs: 0 });
    return async () => release();
  } catch (error) {
    if (!(error instanceof WorktreeError) || error.code !== 'REPOSITORY_LOCKED') throw error;
    // The health file says since when; the lock itself, who (for a holder that has not written it yet).
    const health = readWatcherHealth(env);
    const holder = health?.state === 'running' ? { pid: health.pid, since: health.startedAt } : { pid: (error.data['pids'] as number[] | undefined)?.[0] };
    const who = holder.pid ? ` (PID ${holder.pid}${holder.since ? `, since ${holder.since}` : ''})` : '';
    throw new WatchServiceError('WATCHER_RUNNING', `A watcher is already running for ${home}${who}; stop it first.`, { home, pid: holder.pid });
  }
}
