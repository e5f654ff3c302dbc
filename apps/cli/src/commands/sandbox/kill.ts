import { Command, Option } from 'clipanion';
import { writeJson } from '../../coordinator';
import type { PccContext } from '../../context';
import { providerOfRun, runSessionId, withRunner } from '../../sandbox-support';

/** `parallel-cc sandbox kill`: stop a run's sandbox. */
export class SandboxKillCommand extends Command<PccContext> {
  static override paths = [['sandbox', 'kill'], ['sandbox-kill']];
  static override usage = Command.Usage({
    category: 'Sandboxes',
    description: "Stop a sandbox run; its worktree and log stay (use sandbox download for what it did so far)",
    examples: [['Stop a run', '$0 sandbox kill --session-id 1a2b3c4d-…']],
  });

  sessionId = Option.String('--session-id', { required: true, description: "The run's session id" });
  provider = Option.String('--provider', { description: 'e2b or local (default: the run\u2019s own)' });
  json = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  override async execute(): Promise<number> {
    this.sessionId = await runSessionId(this.context, this.sessionId);
    const runner = await import('@parallel-cc/e2b-runner');
    const result = await withRunner(this.context, async (c) => {
      const provider = await providerOfRun(c, this.sessionId, this.provider, this.context);
      return runner.killRun(c, { sessionId: this.sessionId, provider });
    });
    if (this.json) writeJson(this.context, result);
    else this.context.stdout.write(`${result.message}\n`);
    return result.killed ? 0 : 1;
  }
}
