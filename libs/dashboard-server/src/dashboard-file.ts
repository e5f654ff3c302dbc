import * as fs from 'node:fs';
import * as path from 'node:path';
import { coordinatorHome } from '@parallel-cc/core-sessions';

/** What a running dashboard server records in its home (`dashboard.json`, readable by its user only: it holds the token). */
export interface DashboardRecord {
  url: string;
  port: number;
  pid: number;
  startedAt: string;
  /** Who serves it: `parallel-cc dashboard` or the watcher. */
  servedBy: 'cli' | 'watcher';
}

/** The path of `dashboard.json` in the home the environment names. */
export function dashboardFile(env: NodeJS.ProcessEnv): string {
  return path.join(coordinatorHome(env), 'dashboard.json');
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The dashboard server running for this home, or null when none is recorded or its process is gone. */
export function readRunningDashboard(env: NodeJS.ProcessEnv): DashboardRecord | null {
  let record: DashboardRecord;
  try {
    record = JSON.parse(fs.readFileSync(dashboardFile(env), 'utf8')) as DashboardRecord;
  } catch {
    return null;
  }
  if (typeof record.url !== 'string' || !Number.isInteger(record.pid) || !Number.isInteger(record.port)) return null;
  return processAlive(record.pid) ? record : null;
}

/**
 * Records this process's server as the home's dashboard (written whole, then renamed; mode
 * 0600). Returns what removes the record again, if it is still this one's.
 */
export function publishDashboard(env: NodeJS.ProcessEnv, record: DashboardRecord): () => void {
  const file = dashboardFile(env);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
  return () => {
    try {
      const current = JSON.parse(fs.readFileSync(file, 'utf8')) as DashboardRecord;
      if (current.pid === record.pid && current.port === record.port) fs.rmSync(file, { force: true });
    } catch {
      // Gone already, or replaced by something unreadable: nothing of ours to remove.
    }
  };
}
