import { Command, Option } from 'clipanion';
import { writeJson } from '../../coordinator';
import type { PccContext } from '../../context';
import { providerOfRun, runSessionId, withRunner } from '../../sandbox-support';

/** `parallel-cc sandbox download`: a run's current work, into its worktree. */
export class SandboxDownloadCommand extends Command<PccContext> {
  static override paths = [['sandbox', 'download'], ['sandbox-download']];
  static override usage = Command.Usage({
    category: 'Sandboxes',
    description: "Copy a sandbox run's current work into its worktree as uncommitted changes",
    details: `
      While the run goes on, or after a bring-back that stopped. Files changed locally since the run started are never overwritten: the command stops and says which.
    `,
    examples: [['Take what a run has done so far', '$0 sandbox download --session-id 1a2b3c4d-…']],
  });

  sessionId = Option.String('--session-id', { required: true, description: "The run's session id" });
  provider = Option.String('--provider', { description: 'e2b or local (default: the run\u2019s own)' });
  json = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  override async execute(): Promise<number> {
    this.sessionId = await runSessionId(this.context, this.sessionId);
    const runner = await import('@parallel-cc/e2b-runner');
    const result = await withRunner(this.context, async (c) => {
      const provider = await providerOfRun(c, this.sessionId, this.provider, this.context);
      return runner.downloadRun(c, { sessionId: this.sessionId, provider });
    });
    if (this.json) writeJson(this.context, result);
    else this.context.stdout.write(`${result.message}\n`);
    return 0;
  }
}
