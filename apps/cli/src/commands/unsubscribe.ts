import { Command, Option } from 'clipanion';
import { writeJson } from '../coordinator';
import type { PccContext } from '../context';
import { withMergeCoordinator } from '../merge-coordinator';
import { sessionSelector } from '../options';
import { wholeSessionId } from '../session-id';

/** `parallel-cc unsubscribe`: stop waiting for a branch. */
export class UnsubscribeCommand extends Command<PccContext> {
  static override paths = [['unsubscribe']];
  static override usage = Command.Usage({
    category: 'Merges',
    description: 'Stop waiting for a branch to be merged',
    examples: [['Stop waiting', '$0 unsubscribe --branch parallel-cc/1a2b3c4d']],
  });

  branch = Option.String('--branch', { required: true, description: 'The branch no longer to watch' });
  sessionId = Option.String('--session-id', { description: 'The session, by id or short id (default: PARALLEL_CC_SESSION_ID)' });
  json = Option.Boolean('--json', false, { description: 'Print how many subscriptions were removed, as JSON' });

  override async execute(): Promise<number> {
    const selector = sessionSelector({ sessionId: this.sessionId }, this.context.env, true);
    if (!('sessionId' in selector)) return 2;
    const md = await import('@parallel-cc/merge-detector');
    const removed = await withMergeCoordinator(this.context, async (c) => md.unsubscribe(c, { sessionId: await wholeSessionId(c, selector.sessionId), branch: this.branch }));
    if (this.json) writeJson(this.context, { removed });
    else if (removed > 0) this.context.stdout.write(`No longer watching ${this.branch}.\n`);
    else this.context.stderr.write(`No subscription for ${this.branch}: nothing was removed.\n`);
    return removed > 0 ? 0 : 1;
  }
}
