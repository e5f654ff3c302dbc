import * as path from 'node:path';
import { Command, Option } from 'clipanion';
import { writeJson } from '../../coordinator';
import type { PccContext } from '../../context';
import { withRunner } from '../../sandbox-support';

/** `parallel-cc sandbox prune`: forget old runs, their logs and the refs that keep their results. */
export class SandboxPruneCommand extends Command<PccContext> {
  static override paths = [['sandbox', 'prune'], ['sandbox-prune']];
  static override usage = Command.Usage({
    category: 'Sandboxes',
    description: 'Remove old sandbox runs: their records, logs and result refs (never worktrees or branches)',
    details: `
      Each run keeps its result under \`refs/parallel-cc/\` in its repository, so that \`sandbox download\` can bring it back later; those refs, the run's log and its record go. Only runs that ended at least \`--older-than\` days ago (default 30) are removed. A run whose result was never brought into a worktree or onto a branch is kept, with the reason, unless \`--force\`; a run whose runner died before ending it is kept too (\`sandbox kill\` ends it). Exits 1 when a run was kept.
    `,
    examples: [
      ['See what would go', '$0 sandbox prune --dry-run'],
      ['Runs of this repository older than a week', '$0 sandbox prune --repo . --older-than 7'],
    ],
  });

  repo = Option.String('--repo', { description: 'Only the runs of the repository containing this folder (default: every repository)' });
  olderThan = Option.String('--older-than', '30', { description: 'Days since a run ended (default 30; 0 for every ended run)' });
  force = Option.Boolean('--force', false, { description: 'Also remove results kept nowhere but in the run' });
  dryRun = Option.Boolean('--dry-run', false, { description: 'Report what would be removed; remove nothing' });
  json = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  override async execute(): Promise<number> {
    const { parseWholeNumber } = await import('../../options');
    const olderThanDays = parseWholeNumber(this.olderThan, '--older-than');
    const runner = await import('@parallel-cc/e2b-runner');
    const result = await withRunner(this.context, (c) =>
      runner.pruneRuns(c, {
        ...(this.repo !== undefined ? { repo: path.resolve(this.context.cwd, this.repo) } : {}),
        olderThanDays,
        force: this.force,
        dryRun: this.dryRun,
        env: this.context.env,
      }),
    );
    if (this.json) {
      writeJson(this.context, result);
    } else {
      const { plural } = await import('@parallel-cc/core-sessions');
      const verb = this.dryRun ? 'would remove' : 'removed';
      const keptWord = 'kept'.padEnd(verb.length);
      for (const run of result.pruned) this.context.stdout.write(`${verb} ${run.sessionId}  ${run.status}  ended ${run.endedAt ?? '-'}  ${plural(run.refs.length, 'ref')}\n`);
      for (const run of result.kept) this.context.stdout.write(`${keptWord} ${run.sessionId}  ${run.status}: ${run.reason}\n`);
      if (result.pruned.length === 0 && result.kept.length === 0) this.context.stdout.write(`No sandbox run ended ${plural(olderThanDays, 'day')} or more ago.\n`);
    }
    return result.kept.length > 0 ? 1 : 0;
  }
}
