import * as v from 'valibot';
import { requireCallingSession } from '../session/calling-session';
import { defineTool } from './define-tool';
import { refField } from './fields';

const Output = v.object({
  subscribed: v.literal(true),
  subscription: v.object({
    id: v.string(),
    sessionId: v.string(),
    repoPath: v.string(),
    branch: v.string(),
    targetBranch: v.string(),
    createdAt: v.string(),
    notifiedAt: v.nullable(v.string()),
    active: v.boolean(),
  }),
  message: v.string(),
});

const Input = v.object({
  branch: refField('The branch to watch, e.g. your own session branch or a branch of another session whose work you need.'),
  target_branch: v.optional(refField('The branch it should be merged into; default: your session\'s base branch.')),
});

/** `notify_when_merged`: subscribes the calling session to hear once when a branch is merged. */
export const notifyWhenMerged = defineTool({
  name: 'notify_when_merged',
  title: 'Notify me when a branch is merged',
  description:
    'Subscribes your session to be told once when a branch is merged into a target branch (merge commit, fast-forward, squash ' +
    'or rebase merges all count). Use it when your work depends on another branch landing, or to learn when your own branch ' +
    'has been merged so you can rebase or stop. The notice arrives with your next tool call (through the hook) or from ' +
    'get_notifications. Subscribing again to the same branch and target returns the same subscription. A branch or target ' +
    'that does not exist is an error (NOT_FOUND); a branch already merged there is answered at once (subscription.active false).',
  input: Input,
  output: Output,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const { subscribe } = await import('@parallel-cc/merge-detector');
    const session = await requireCallingSession(context, 'notify_when_merged');
    const coordinator = await context.coordinator();
    const subscription = await subscribe(coordinator, { sessionId: session.id, branch: input.branch, targetBranch: input.target_branch });
    if (!subscription.active) {
      return { subscribed: true as const, subscription, message: `${subscription.branch} is already merged into ${subscription.targetBranch}: there is nothing to wait for.` };
    }
    const message =
      `You will be notified once when ${subscription.branch} is merged into ${subscription.targetBranch}: with your next tool call, ` +
      'or call get_notifications. Merges are noticed by the parallel-cc watcher (`parallel-cc watch-merges` or the parallel-cc-watcher service); ' +
      'check_merge_status answers right away.';
    return { subscribed: true as const, subscription, message };
  },
  summary: ({ message }) => message,
});
