import * as path from 'node:path';
import { Command, Option } from 'clipanion';
import { withCoordinator, writeJson } from '../coordinator';
import type { PccContext } from '../context';
import { cleanupLines } from '../output/cleanup-lines';
import { describeLeftover, leftoverNeedsAttention } from '../output/leftover-lines';
import { describePlan } from '../output/plan-lines';
import { retirementExitCode } from '../output/retire-lines';

/** `parallel-cc cleanup`: tidy dead sessions. */
export class CleanupCommand extends Command<PccContext> {
  static override paths = [['cleanup']];
  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'Remove dead sessions and their worktrees, keeping any that hold work',
    details: `
      Every session whose processes have all exited is released under the same rules as \`release\`: a worktree with uncommitted or untracked changes is kept (and retried on the next cleanup) unless \`--force\`; a branch goes only when integrated or empty. Sessions whose agent still runs are never touched.

      Then it looks for leftovers of crashed or interrupted sessions in those repositories: worktrees and folders in the worktrees folder that no session owns (removed when clean or empty, kept and reported when they hold work) and \`parallel-cc/*\` branches with neither worktree nor session (deleted when integrated or without commits of their own, else listed). Rows of a repository that is gone are removed when nothing of theirs is left on disk.

      What was kept on purpose (a worktree holding work, a session branch with commits not in its base) is reported by the run that keeps it; later runs that keep it again count it as "kept earlier" without listing it: \`status\` and \`cleanup --dry-run\` list it.

      With \`--json\`, prints \`{results, leftovers, keptEarlier: {sessions, leftovers}}\` (\`{dryRun, plans, leftovers}\` with \`--dry-run\`). Exits 1 when this run kept a session's worktree or a leftover worktree for the first time, or anything failed; 0 when all that is left was kept earlier.
    `,
    examples: [
      ['See what would be removed', '$0 cleanup --dry-run'],
      ['Clean up one repository', '$0 cleanup --repo ~/code/app'],
    ],
  });

  repo = Option.String('--repo', { description: 'Only the repository containing this folder (default: all)' });
  dryRun = Option.Boolean('--dry-run', false, { description: 'Only report what would be done' });
  force = Option.Boolean('--force', false, { description: 'Remove dead sessions\u2019 worktrees even if they hold changes' });
  json = Option.Boolean('--json', false, { description: 'Print the results as JSON' });

  override async execute(): Promise<number> {
    let repo: string | undefined;
    if (this.repo !== undefined) {
      const { resolveRepository } = await import('@parallel-cc/worktree-gtr');
      repo = (await resolveRepository(path.resolve(this.context.cwd, this.repo))).root;
    }
    const core = await import('@parallel-cc/core-sessions');
    const options = { repo, force: this.force, env: this.context.env };
    if (this.dryRun) {
      const [plans, leftovers] = await withCoordinator(this.context, async (c) => {
        const repos = await core.repositoriesToTidy(c, repo);
        return [await core.planCleanup(c, options), await core.cleanupLeftovers(c, { ...options, repos, dryRun: true })] as const;
      });
      if (this.json) writeJson(this.context, { dryRun: true, plans, leftovers });
      else if (plans.length === 0 && leftovers.length === 0) this.context.stdout.write('Nothing to clean up.\n');
      else {
        for (const p of plans) this.context.stdout.write(`${describePlan(p)}\n`);
        for (const l of leftovers) this.context.stdout.write(`${describeLeftover(l)}\n`);
      }
      return 0;
    }
    const report = await withCoordinator(this.context, (c) => core.tidyRepositories(c, options));
    const { results, leftovers } = report;
    if (this.json) writeJson(this.context, report);
    else this.context.stdout.write(cleanupLines(report));
    return Math.max(retirementExitCode(results), leftovers.some(leftoverNeedsAttention) ? 1 : 0);
  }
}
