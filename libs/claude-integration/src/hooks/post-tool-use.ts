import type { HookContext } from './hook-context';
import type { HookInput } from './hook-input';
import { contextOutput, notificationLines } from './hook-output';
import type { HookOutput } from './hook-output';
import { findHookSession } from './find-hook-session';
import { heartbeat, takeNotifications } from '@parallel-cc/core-sessions';

/** PostToolUse: a heartbeat for the session, and its pending notifications for the model. */
export async function handlePostToolUse(context: HookContext, input: HookInput): Promise<HookOutput | null> {
  const session = await findHookSession(context, input);
  if (!session) return null;
  await heartbeat(context.coordinator, { sessionId: session.id });
  const pending = await takeNotifications(context.coordinator, session.id);
  return contextOutput('PostToolUse', notificationLines(pending));
}
