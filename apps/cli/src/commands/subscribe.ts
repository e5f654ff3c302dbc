import { Command, Option } from 'clipanion';
import { writeJson } from '../coordinator';
import type { PccContext } from '../context';
import { withMergeCoordinator } from '../merge-coordinator';
import { sessionSelector } from '../options';
import { wholeSessionId } from '../session-id';

/** `parallel-cc subscribe`: be told when a branch is merged. */
export class SubscribeCommand extends Command<PccContext> {
  static override paths = [['subscribe']];
  static override usage = Command.Usage({
    category: 'Merges',
    description: 'Ask to be notified when a branch is merged into its target',
    details: `
      The notification reaches the session through its next hook call. The session is PARALLEL_CC_SESSION_ID unless \`--session-id\` names another; the target defaults to the session's base branch.
    `,
    examples: [['Wait for a colleague\u2019s branch', '$0 subscribe --branch parallel-cc/1a2b3c4d']],
  });

  branch = Option.String('--branch', { required: true, description: 'The branch to watch' });
  target = Option.String('--target', { description: 'The branch it should land in (default: the session\u2019s base branch)' });
  sessionId = Option.String('--session-id', { description: 'The subscribing session, by id or short id (default: PARALLEL_CC_SESSION_ID)' });
  json = Option.Boolean('--json', false, { description: 'Print the subscription as JSON' });

  override async execute(): Promise<number> {
    const selector = sessionSelector({ sessionId: this.sessionId }, this.context.env, true);
    if (!('sessionId' in selector)) return 2;
    const md = await import('@parallel-cc/merge-detector');
    const subscription = await withMergeCoordinator(this.context, async (c) =>
      md.subscribe(c, { sessionId: await wholeSessionId(c, selector.sessionId), branch: this.branch, targetBranch: this.target }),
    );
    if (this.json) writeJson(this.context, subscription);
    else if (!subscription.active) this.context.stdout.write(`${subscription.branch} is already merged into ${subscription.targetBranch}: nothing to wait for.\n`);
    else this.context.stdout.write(`Subscribed: you will be told when ${subscription.branch} is merged into ${subscription.targetBranch}.\n`);
    return 0;
  }
}
