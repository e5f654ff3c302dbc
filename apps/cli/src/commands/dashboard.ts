import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import type * as DashboardServer from '@parallel-cc/dashboard-server';
import { writeJson } from '../coordinator';
import type { PccContext } from '../context';

/** `parallel-cc dashboard`: the live web page of this home's sessions, collisions and merges. */
export class DashboardCommand extends Command<PccContext> {
  static override paths = [['dashboard']];
  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'Serve the live dashboard (sessions, conflict matrix, merges, sandbox runs) on 127.0.0.1',
    details: `
      Starts a small web server on 127.0.0.1 only (a free port, or \`--port\`) and prints its address, which carries a random token: every request must carry it (the page moves it into a cookie), and a \`Host\` other than \`127.0.0.1:PORT\` or \`localhost:PORT\` is refused. The page shows every repository of this PARALLEL_CC_HOME: its sessions (where, origin, branch, base, state, heartbeat age, files in progress, claims), the conflict matrix (click a cell for the files, declarations and the three versions of each region), merges and notices, and sandbox runs with their log tail, live over server-sent events. It changes nothing.

      One server runs per PARALLEL_CC_HOME: when the watcher or another \`parallel-cc dashboard\` already serves this home, its address is printed and the command exits. Otherwise it runs until Ctrl-C.

      \`--open\` also opens the address in the default browser (\`xdg-open\`, or \`open\` on macOS). With \`--json\`, prints \`{url, port, pid, servedBy, reused}\` as one line. The JSON API behind the page (\`/api/state\`, \`/api/events\`) is described in the README.
    `,
    examples: [
      ['Serve and open the dashboard', '$0 dashboard --open'],
      ['On a fixed port', '$0 dashboard --port 7420'],
    ],
  });

  port = Option.String('--port', {
    description: 'The port on 127.0.0.1 (default: a free one)',
    validator: t.cascade(t.isNumber(), [t.isInteger(), t.isInInclusiveRange(1, 65_535)]),
  });
  open = Option.Boolean('--open', false, { description: 'Open the dashboard in the default browser' });
  json = Option.Boolean('--json', false, { description: 'Print the address and server as JSON' });

  override async execute(): Promise<number> {
    // Its own package, kept out of the CLI's bundle (an external in project.json) and loaded only
    // here: `status` and the hooks never parse it. `require`, since the bundle runs in a vm.Script
    // that has no dynamic import().
    const { serveDashboard } = require('@parallel-cc/dashboard-server') as typeof DashboardServer;
    const served = await serveDashboard({ env: this.context.env, port: this.port === undefined ? undefined : Number(this.port), servedBy: 'cli' });
    const { record } = served;
    if (this.json) writeJson(this.context, { ...record, reused: served.reused });
    else if (served.reused) this.context.stdout.write(`A dashboard already serves this home (${record.servedBy === 'watcher' ? 'the watcher' : 'parallel-cc dashboard'}, PID ${record.pid}):\n${record.url}\n`);
    else this.context.stdout.write(`Dashboard: ${record.url}\nOn 127.0.0.1 only; the address carries its access token. Ctrl-C stops it.\n`);
    if (this.open) {
      const { openBrowser } = await import('../open-browser');
      const problem = await openBrowser(record.url);
      if (problem) this.context.stderr.write(`parallel-cc: the browser could not be opened: ${problem}; open the address above.\n`);
    }
    if (served.reused) return 0;
    await untilStopped();
    await served.close();
    return 0;
  }
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
