import * as v from 'valibot';
import { requireCallingSession } from '../session/calling-session';
import { defineTool } from './define-tool';
import { plural } from './summary-text';

const Output = v.object({
  notifications: v.array(v.object({ id: v.number(), sessionId: v.string(), kind: v.string(), text: v.string(), createdAt: v.string() })),
  total: v.number(),
});

/** `get_notifications`: takes the calling session's pending notifications. */
export const getNotifications = defineTool({
  name: 'get_notifications',
  title: 'My notifications',
  description:
    'Delivers the messages waiting for your session, oldest first: merges you subscribed to (notify_when_merged), requests from ' +
    'sessions that want a file you claimed, and other news from parallel-cc. Each is delivered once: after this call they are ' +
    'gone, so act on them now (rebase after a merge, release a file someone waits for). Hooks usually deliver them with your next ' +
    'tool call; call this when your client has no hooks or you are waiting for one.',
  input: v.object({}),
  output: Output,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(_input, context) {
    const { takeNotifications } = await import('@parallel-cc/core-sessions');
    const session = await requireCallingSession(context, 'get_notifications');
    const notifications = await takeNotifications(await context.coordinator(), session.id);
    return { notifications, total: notifications.length };
  },
  summary({ notifications }) {
    if (notifications.length === 0) return 'No notifications are waiting.';
    // Each is delivered once: every text is shown in full.
    return [`${plural(notifications.length, 'notification')}, oldest first:`, ...notifications.map((n) => `- [${n.kind}] ${n.text}`)].join('\n');
  },
});
