import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { writeJson } from '../coordinator';
import type { PccContext } from '../context';

/** `parallel-cc watch-merges`: the watcher's loop in the foreground. */
export class WatchMergesCommand extends Command<PccContext> {
  static override paths = [['watch-merges']];
  static override usage = Command.Usage({
    category: 'Merges',
    description: 'Poll for merged branches and clean up dead sessions, in the foreground',
    details: `
      Every interval, checks the branches of every repository with live sessions (and every subscribed branch) against their base: merge commits, fast-forwards, squash merges and rebase merges all count; a branch with no commits of its own never does. New merges are recorded once and notify subscribers and the other sessions of the repository (delivered by their next hook call). Dead sessions are cleaned up on the way. Stops on Ctrl-C. The \`parallel-cc-watcher\` service runs the same loop.
    `,
    examples: [
      ['One poll, now', '$0 watch-merges --once'],
      ['Poll every minute, fetching remotes first', '$0 watch-merges --interval 60 --fetch'],
    ],
  });

  once = Option.Boolean('--once', false, { description: 'Poll once and exit' });
  interval = Option.String('--interval', {
    description: 'Seconds between polls (default 30)',
    validator: t.cascade(t.isNumber(), [t.isInteger(), t.isInInclusiveRange(1, 86_400)]),
  });
  fetch = Option.Boolean('--fetch', false, { description: 'Fetch each repository\u2019s remote first, to see merges made on the server' });
  json = Option.Boolean('--json', false, { description: 'With --once: print the summary as JSON' });

  override async execute(): Promise<number> {
    const { notTogether, requireWith } = await import('../options');
    notTogether({ '--once': this.once, '--interval': this.interval !== undefined }, '--once polls once, with no interval');
    requireWith('--json', this.json, '--once', this.once);
    const md = await import('@parallel-cc/merge-detector');
    const { env } = this.context;
    if (this.once) {
      const summary = await md.watchOnce({ env, fetch: this.fetch });
      if (this.json) writeJson(this.context, summary);
      else this.context.stdout.write(`${describeRound(summary, (await import('@parallel-cc/core-sessions')).plural)}\n`);
      return summary.errors.length > 0 ? 1 : 0;
    }
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await md.runWatchLoop({
        env,
        fetch: this.fetch,
        intervalMs: Number(this.interval ?? 30) * 1000,
        signal: controller.signal,
        log: (entry) => this.context.stderr.write(`${JSON.stringify(entry)}\n`),
      });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return 0;
  }
}

function describeRound(summary: { repos: number; events: unknown[]; cleaned: number; errors: unknown[] }, plural: (count: number, noun: string, pluralForm?: string) => string): string {
  return `Polled ${plural(summary.repos, 'repository', 'repositories')}: ${plural(summary.events.length, 'new merge')}, ${plural(summary.cleaned, 'dead session')} cleaned, ${plural(summary.errors.length, 'error')}.`;
}
