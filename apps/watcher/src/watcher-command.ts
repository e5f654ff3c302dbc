import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import type { BaseContext } from 'clipanion';
import type * as DashboardServer from '@parallel-cc/dashboard-server';

/** `parallel-cc-watcher`: the merge-detection and cleanup service. */
export class WatcherCommand extends Command<BaseContext> {
  static override paths = [Command.Default];
  static override usage = Command.Usage({
    description: 'Run the parallel-cc watcher: merge detection, notifications and stale-session cleanup',
    details: `
      Polls every repository with live sessions on an interval: records branches merged into their base (merge, fast-forward, squash or rebase), notifies subscribers and the repository's other sessions, and cleans up dead sessions (never losing work). One watcher runs per PARALLEL_CC_HOME (this service or \`parallel-cc watch-merges\`: they take the same lock); a second one says so and exits 1. Logs are JSON lines on stderr. SIGTERM or SIGINT stops it within two seconds.

      \`--status\` is a health check: exit 0 when a watcher runs and completed a round recently, 1 otherwise. The package ships a systemd user unit and a launchd agent in \`service/\`.
    `,
    examples: [
      ['Run in the foreground', '$0 --interval 30'],
      ['Health check', '$0 --status'],
    ],
  });

  interval = Option.String('--interval', '30', {
    description: 'Seconds between rounds (default 30)',
    validator: t.cascade(t.isNumber(), [t.isInteger(), t.isInInclusiveRange(1, 86_400)]),
  });
  fetch = Option.Boolean('--fetch', false, { description: 'Fetch each repository\u2019s remote before checking' });
  status = Option.Boolean('--status', false, { description: 'Report whether a watcher runs and is healthy, then exit' });
  json = Option.Boolean('--json', false, { description: 'With --status: print the health as JSON' });
  dashboard = Option.Boolean('--dashboard', true, { description: 'Serve the dashboard on 127.0.0.1 while it runs (default; --no-dashboard leaves it out)' });
  dashboardPort = Option.String('--dashboard-port', {
    description: 'The dashboard\u2019s port (default: a free one)',
    validator: t.cascade(t.isNumber(), [t.isInteger(), t.isInInclusiveRange(1, 65_535)]),
  });

  override async execute(): Promise<number> {
    const ws = await import('@parallel-cc/watch-service');
    const env = this.context.env;
    if (this.status) {
      const recorded = ws.readWatcherHealth(env);
      const healthy = ws.isWatcherHealthy(recorded);
      // A watcher killed outright (SIGKILL, a crash) never wrote that it stopped.
      const { isProcessAlive, plural } = await import('@parallel-cc/core-sessions');
      const health = recorded?.state === 'running' && !isProcessAlive(recorded.pid, null) ? { ...recorded, state: 'gone' } : recorded;
      if (this.json) this.context.stdout.write(`${JSON.stringify({ healthy, ...(health ?? {}) })}\n`);
      else if (!health) this.context.stdout.write('No watcher has run here.\n');
      else {
        const state = health.state === 'gone' ? 'gone (its process ended without stopping: killed or crashed)' : health.state;
        this.context.stdout.write(`${healthy ? 'healthy' : 'not healthy'}: watcher PID ${health.pid} ${state}, ${plural(health.rounds, 'round')}, last at ${health.lastRoundAt ?? 'never'}\n`);
      }
      return healthy ? 0 : 1;
    }
    const intervalMs = Number(this.interval) * 1000;
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    const log = (entry: Record<string, unknown>) => this.context.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
    let started = false;
    let dashboard = null as Promise<{ close(): Promise<void> } | null> | null;
    // The dashboard starts once the first round has opened (and migrated) the database: opening
    // it from both at once on a fresh home would have one wait on the other's lock.
    const logRound = (entry: Record<string, unknown>) => {
      log(entry);
      if (this.dashboard && dashboard === null && 'round' in entry) {
        dashboard = serveDashboard(env, this.dashboardPort === undefined ? undefined : Number(this.dashboardPort), log);
      }
    };
    try {
      await ws.runWatcher({
        env,
        fetch: this.fetch,
        intervalMs,
        signal: controller.signal,
        log: logRound,
        onStart: () => {
          started = true;
          log({ event: 'start', pid: process.pid, intervalMs, home: env.PARALLEL_CC_HOME ?? null });
        },
      });
    } catch (error) {
      if (!(error instanceof ws.WatchServiceError)) throw error;
      this.context.stderr.write(`parallel-cc-watcher: ${error.message}\n`);
      return 1;
    } finally {
      await (await dashboard)?.close();
      if (started) log({ event: 'stop', pid: process.pid });
    }
    return 0;
  }
}

/**
 * Serves the home's dashboard beside the watcher (or finds the one already serving it). Its
 * address carries a token, so the log names only the port and where the address is recorded
 * (`parallel-cc dashboard` prints it). A dashboard that cannot start is logged; watching goes on.
 */
async function serveDashboard(env: NodeJS.ProcessEnv, port: number | undefined, log: (entry: Record<string, unknown>) => void): Promise<{ close(): Promise<void> } | null> {
  try {
    // Kept out of the watcher's bundle (an external in project.json); `require`, since the bundle
    // runs in a vm.Script that has no dynamic import().
    const ds = require('@parallel-cc/dashboard-server') as typeof DashboardServer;
    const served = await ds.serveDashboard({ env, port, servedBy: 'watcher' });
    log({ event: 'dashboard', port: served.record.port, pid: served.record.pid, reused: served.reused, file: ds.dashboardFile(env) });
    return served.reused ? null : served;
  } catch (error) {
    log({ event: 'dashboard-error', error: error instanceof Error ? error.message : String(error) });
    return null;
  }
}
