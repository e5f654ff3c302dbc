import * as path from 'node:path';
import { Command, Option } from 'clipanion';
import { writeJson } from '../coordinator';
import type { PccContext } from '../context';
import { withMergeCoordinator } from '../merge-coordinator';

/** `parallel-cc merge-status`: merges seen, or subscriptions. */
export class MergeStatusCommand extends Command<PccContext> {
  static override paths = [['merge-status']];
  static override usage = Command.Usage({
    category: 'Merges',
    description: 'Show the merges detected so far, or the active merge subscriptions',
    examples: [
      ['Recent merges in all repositories', '$0 merge-status'],
      ['Subscriptions in this repository, as JSON', '$0 merge-status --subscriptions --repo . --json'],
    ],
  });

  repo = Option.String('--repo', { description: 'Only the repository containing this folder' });
  subscriptions = Option.Boolean('--subscriptions', false, { description: 'Show active subscriptions instead of merges' });
  limit = Option.String('--limit', { description: 'At most this many merges (default 50)' });
  json = Option.Boolean('--json', false, { description: 'Print as JSON' });

  override async execute(): Promise<number> {
    const { notTogether, parsePositiveInt } = await import('../options');
    notTogether({ '--subscriptions': this.subscriptions, '--limit': this.limit !== undefined }, '--limit counts merges, and --subscriptions lists subscriptions instead');
    const md = await import('@parallel-cc/merge-detector');
    let repo: string | undefined;
    if (this.repo !== undefined) {
      const { resolveRepository } = await import('@parallel-cc/worktree-gtr');
      repo = (await resolveRepository(path.resolve(this.context.cwd, this.repo))).root;
    }
    const limit = parsePositiveInt(this.limit ?? '50', '--limit');
    if (this.subscriptions) {
      const subscriptions = await withMergeCoordinator(this.context, (c) => md.listSubscriptions(c, { repo, activeOnly: true }));
      if (this.json) writeJson(this.context, { subscriptions, total: subscriptions.length });
      else if (subscriptions.length === 0) this.context.stdout.write('No active subscriptions.\n');
      else
        for (const s of subscriptions)
          this.context.stdout.write(`${s.sessionId.slice(0, 8)} waits for ${s.branch} -> ${s.targetBranch} (${s.repoPath})\n`);
      return 0;
    }
    const events = await withMergeCoordinator(this.context, (c) => md.listMergeEvents(c, { repo, limit }));
    if (this.json) writeJson(this.context, { events, total: events.length });
    else if (events.length === 0) this.context.stdout.write('No merges detected yet.\n');
    else
      for (const e of events)
        this.context.stdout.write(`${e.detectedAt}  ${e.branch} -> ${e.targetBranch} (${e.how}) at ${e.sourceCommit.slice(0, 10)}  ${e.repoPath}\n`);
    return 0;
  }
}
