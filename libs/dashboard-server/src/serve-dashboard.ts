import { dashboardAssetsDir } from './assets-dir';
import type { WatchLiveStateOptions } from '@parallel-cc/live-state';
import { publishDashboard } from './dashboard-file';
import type { DashboardRecord } from './dashboard-file';
import { startDashboardServer } from './dashboard-server';
import { DashboardServerError } from './errors';
import { liveStateSource } from './live-state-source';
import { findRunningDashboard } from './running-dashboard';

/** What `serveDashboard` needs. */
export interface ServeDashboardOptions {
  /** The environment (`PARALLEL_CC_HOME`); default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The port on 127.0.0.1; default a free one. */
  port?: number;
  /** Who serves it (recorded in `dashboard.json`). */
  servedBy: 'cli' | 'watcher';
  /** Options of the live state (timeline limit, liveness interval, …; file events are gathered for 25 ms unless `debounceMs` says otherwise). */
  live?: Omit<WatchLiveStateOptions, 'env'>;
}

/** What `serveDashboard` did: started a server (and stops it with `close`), or found one running for the home. */
export type ServedDashboard =
  | { reused: false; record: DashboardRecord; close(): Promise<void> }
  | { reused: true; record: DashboardRecord };

/** Checks a port option: a whole number from 0 to 65535 (0: a free one). */
export function checkPort(port: number | undefined): void {
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    throw new DashboardServerError('INVALID_INPUT', `The port ${String(port)} is not valid: give a whole number from 1 to 65535 (or 0 for a free one).`, { port });
  }
}

/**
 * Serves the dashboard of one home, once: when a server for the home already runs (recorded in
 * `dashboard.json`, alive and answering) it is reused; else a new one starts on 127.0.0.1 over
 * the home's live state and records itself. A `port` other than the running server's is an
 * `ALREADY_RUNNING` error; a port taken by something else is `PORT_IN_USE`.
 */
export async function serveDashboard(options: ServeDashboardOptions): Promise<ServedDashboard> {
  checkPort(options.port);
  const env = options.env ?? process.env;
  const running = await findRunningDashboard(env);
  if (running) {
    if (options.port && options.port !== running.port) {
      throw new DashboardServerError('ALREADY_RUNNING', `A dashboard already serves this home at port ${running.port} (PID ${running.pid}): open ${running.url}, or stop it to use port ${options.port}.`, {
        port: running.port,
        pid: running.pid,
      });
    }
    return { reused: true, record: running };
  }
  // A short gathering of file events: the page shows a change a tenth of a second sooner, and
  // live-state never recomputes a part twice at once however many events come.
  const source = liveStateSource({ debounceMs: 25, ...options.live, env });
  try {
    await source.read();
    const server = await startDashboardServer({ source, assetsDir: dashboardAssetsDir(), port: options.port}).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') throw new DashboardServerError('PORT_IN_USE', `The port ${String(options.port)} is in use on 127.0.0.1: give another one, or leave out --port for a free one.`, { port: options.port });
      throw error;
    });
    const record: DashboardRecord = { url: server.url, port: server.port, pid: process.pid, startedAt: new Date().toISOString(), servedBy: options.servedBy };
    const unpublish = publishDashboard(env, record);
    return {
      reused: false,
      record,
      async close() {
        unpublish();
        await server.close();
        await source.close();
      },
    };
  } catch (error) {
    await source.close();
    throw error;
  }
}
