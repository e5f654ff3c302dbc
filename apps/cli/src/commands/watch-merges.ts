import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import type { WatchLogEntry } from '@parallel-cc/watch-service';
import { writeJson } from '../coordinator';
import type { PccContext } from '../context';
import { withMergeCoordinator } from '../merge-coordinator';

/** `parallel-cc watch-merges`: the watcher's loop in the foreground. */
export class WatchMergesCommand extends Command<PccContext> {
  static override paths = [['watch-merges']];
  static override usage = Command.Usage({
    category: 'Merges',
    description: 'Poll for merged branches and clean up dead sessions, in the foreground',
    details: `
      Every interval, checks the branches of every repository with live sessions (and every subscribed branch) against their base: merge commits, fast-forwards, squash merges and rebase merges all count; a branch with no commits of its own never does. New merges are recorded once and notify the branch's own session, its subscribers and the other sessions based on the target (delivered by their next hook call). Dead sessions are cleaned up on the way. The \`parallel-cc-watcher\` service runs the same loop under the same lock: one watcher runs per PARALLEL_CC_HOME, and while one runs another says which (its PID) and exits 1.

      Prints a line naming the repositories when it starts, then one line per round that found something (a merge, a session cleaned up or kept, an error); quiet rounds print nothing. With \`--json\`, prints instead one JSON object per such round. Ctrl-C stops it once the round in progress is done, with exit code 0.

      With \`--once\`, polls once, names each merge it found (branch \u2192 target, how) and exits; 1 when anything failed. A single poll takes no lock: it may run beside a watcher, and a merge is still recorded and announced once.
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
  json = Option.Boolean('--json', false, { description: 'Print JSON: the summary with --once, else one object per round that found something' });

  override async execute(): Promise<number> {
    const { notTogether } = await import('../options');
    notTogether({ '--once': this.once, '--interval': this.interval !== undefined }, '--once polls once, with no interval');
    const ws = await import('@parallel-cc/watch-service');
    const lines = await import('../output/watch-lines');
    const { env } = this.context;
    if (this.once) {
      const summary = await ws.watchOnce({ env, fetch: this.fetch });
      if (this.json) writeJson(this.context, summary);
      else this.context.stdout.write(lines.onceLines(summary));
      return summary.errors.length > 0 ? 1 : 0;
    }
    const seconds = Number(this.interval ?? 30);
    const md = await import('@parallel-cc/merge-detector');
    const repos = await withMergeCoordinator(this.context, (c) => md.repositoriesToWatch(c));
    // With --json, stdout carries only the rounds' objects.
    const announce = () => (this.json ? this.context.stderr : this.context.stdout).write(`${lines.watchStartLine(repos, seconds)}\n`);
    const report = (entry: WatchLogEntry) => {
      if (!lines.roundFoundSomething(entry)) return;
      if (this.json) writeJson(this.context, entry);
      else this.context.stdout.write(`${lines.roundLine(entry)}\n`);
    };
    const controller = new AbortController();
    const detach = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    };
    // `on`, not `once`: the first Ctrl-C lets the round in progress finish; a second one during a
    // long round ends the process the usual way (the lock names this process: the next watcher takes it over).
    const stop = (signal: NodeJS.Signals) => {
      if (!controller.signal.aborted) return controller.abort();
      detach();
      process.kill(process.pid, signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    try {
      await ws.runWatcher({ env, fetch: this.fetch, intervalMs: seconds * 1000, signal: controller.signal, log: report, onStart: announce });
    } finally {
      detach();
    }
    return 0;
  }
}
