import * as fs from 'node:fs';
import * as path from 'node:path';
import { coordinatorHome } from '@parallel-cc/core-sessions';
import { MergeDetectorError } from '../errors';
import { readWatcherHealth } from './watcher-health';

/**
 * Takes the single-instance lock of the watcher for a `PARALLEL_CC_HOME` (`watcher.lock`).
 * A second watcher fails with `WATCHER_RUNNING`, naming the PID that holds it. A lock left by a
 * watcher that died (its status says it stopped, or its lock went stale) is taken over.
 */
export async function acquireWatcherLock(env: NodeJS.ProcessEnv = process.env): Promise<() => Promise<void>> {
  const { lock } = await import('proper-lockfile');
  const home = coordinatorHome(env);
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  try {
    return await lock(home, {
      lockfilePath: path.join(home, 'watcher.lock'),
      realpath: false,
      stale: 30_000,
      update: 10_000,
      retries: 0,
      onCompromised: () => undefined,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const holder = readWatcherHealth(env);
    const who = holder?.pid ? ` (PID ${holder.pid}, since ${holder.startedAt})` : '';
    throw new MergeDetectorError('WATCHER_RUNNING', `A watcher is already running for ${home}${who}; stop it first.`, {
      home,
      pid: holder?.pid,
    });
  }
}
