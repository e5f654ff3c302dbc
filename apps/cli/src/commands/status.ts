import * as path from 'node:path';
import { Command, Option } from 'clipanion';
import { withCoordinator, writeJson } from '../coordinator';
import type { PccContext } from '../context';

/** `parallel-cc status`: who works where. */
export class StatusCommand extends Command<PccContext> {
  static override paths = [['status']];
  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'Show the registered sessions, where they work and their state',
    details: `
      States: \`live\` (its process runs), \`idle\` (live, no heartbeat for 10 minutes), \`stale\` (its process died; \`cleanup\` will tidy it), \`kept\` (dead, its worktree held work and was kept).

      With \`--json\`, prints \`{sessions: [...], totalSessions}\`.
    `,
    examples: [
      ['All sessions', '$0 status'],
      ['Sessions of one repository, as JSON', '$0 status --repo . --json'],
    ],
  });

  repo = Option.String('--repo', { description: 'Only the sessions of the repository containing this folder' });
  json = Option.Boolean('--json', false, { description: 'Print the sessions as JSON' });

  override async execute(): Promise<number> {
    let repoRoot: string | undefined;
    if (this.repo !== undefined) {
      const { resolveRepository } = await import('@parallel-cc/worktree-gtr');
      repoRoot = (await resolveRepository(path.resolve(this.context.cwd, this.repo))).root;
    }
    const { sessionStatus } = await import('@parallel-cc/core-sessions');
    const report = await withCoordinator(this.context, (c) => sessionStatus(c, { repoRoot }));
    if (this.json) {
      writeJson(this.context, report);
    } else {
      const { renderStatusTable } = await import('../output/status-table');
      const { colorsFor } = await import('../output/colors');
      this.context.stdout.write(renderStatusTable(report.sessions, colorsFor(this.context)));
    }
    return 0;
  }
}
