import * as fs from 'node:fs';
import { Command, Option } from 'clipanion';
import type { PccContext } from '../../context';
import { runIdOption, withRunner } from '../../sandbox-support';

/** `parallel-cc sandbox logs`: a run's output, and with --follow, as it comes. */
export class SandboxLogsCommand extends Command<PccContext> {
  static override paths = [['sandbox', 'logs'], ['sandbox-logs']];
  static override usage = Command.Usage({
    category: 'Sandboxes',
    description: "Print a sandbox run's log; --follow keeps printing until the run ends",
    examples: [['Follow a run', '$0 sandbox logs --session-id 1a2b3c4d-… --follow']],
  });

  sessionId = Option.String('--session-id', { description: "The run's session id or its run id: whole, or the 8 hex digits sandbox run printed" });
  runId = Option.String('--run-id', { description: 'The same: either id of the run' });
  follow = Option.Boolean('--follow', false, { description: 'Keep printing new output until the run ends' });
  interval = Option.String('--interval', { description: 'With --follow: milliseconds between looks (default 500)' });

  override async execute(): Promise<number> {
    const runner = await import('@parallel-cc/e2b-runner');
    const { parsePositiveInt, requireWith } = await import('../../options');
    requireWith('--interval', this.interval !== undefined, '--follow', this.follow);
    const interval = parsePositiveInt(this.interval ?? '500', '--interval');
    const id = runIdOption(this);
    const run = await withRunner(this.context, (c) => runner.findRun(c, id));
    let offset = 0;
    const printNew = () => {
      if (!fs.existsSync(run.logPath)) return;
      const data = fs.readFileSync(run.logPath);
      if (data.length > offset) this.context.stdout.write(data.subarray(offset));
      offset = data.length;
    };
    printNew();
    while (this.follow) {
      const now = await withRunner(this.context, (c) => runner.getRun(c, { id: run.id }));
      printNew();
      if (!now || runner.isFinalStatus(now.status) || !runner.isRunAlive(now)) break;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
    return 0;
  }
}
