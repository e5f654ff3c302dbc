import * as fs from 'node:fs';
import * as path from 'node:path';
import { coordinatorHome, isProcessAlive } from '@parallel-cc/core-sessions';

/** What the running watcher last wrote about itself (`watcher-status.json`), for `--status`. */
export interface WatcherHealth {
  pid: number;
  startedAt: string;
  state: 'running' | 'stopped';
  rounds: number;
  lastRoundAt: string | null;
  lastErrors: string[];
  intervalMs: number;
}

function healthPath(env: NodeJS.ProcessEnv): string {
  return path.join(coordinatorHome(env), 'watcher-status.json');
}

/** Records the watcher's state (written whole, then renamed, so readers never see half of it). */
export function writeWatcherHealth(env: NodeJS.ProcessEnv, health: WatcherHealth): void {
  const file = healthPath(env);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(health, null, 2)}\n`);
  fs.renameSync(temp, file);
}

/** The last state the watcher recorded, or null when none ever ran here. */
export function readWatcherHealth(env: NodeJS.ProcessEnv): WatcherHealth | null {
  try {
    return JSON.parse(fs.readFileSync(healthPath(env), 'utf8')) as WatcherHealth;
  } catch {
    return null;
  }
}

/**
 * Whether the watcher is healthy: its process runs and it completed a round within three
 * intervals (or is still in its first).
 */
export function isWatcherHealthy(health: WatcherHealth | null, now: Date = new Date()): boolean {
  if (!health || health.state !== 'running' || !isProcessAlive(health.pid, null)) return false;
  const since = Date.parse(health.lastRoundAt ?? health.startedAt);
  return now.getTime() - since <= Math.max(3 * health.intervalMs, 60_000);
}
