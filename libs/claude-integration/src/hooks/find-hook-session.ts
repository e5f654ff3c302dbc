import type { SessionsTable } from '@parallel-cc/core-sessions';
import type { HookContext } from './hook-context';
import type { HookInput } from './hook-input';
import { findActiveSession, findSessionForPath } from '@parallel-cc/core-sessions';

/**
 * The session a hook call belongs to: the wrapper's (PARALLEL_CC_SESSION_ID), else the one that
 * Claude Code's session id was attached to, else the live session whose place contains `cwd`.
 */
export async function findHookSession(context: HookContext, input: HookInput): Promise<SessionsTable | undefined> {
  const { db } = context.coordinator;
  const fromEnv = context.env.PARALLEL_CC_SESSION_ID;
  if (fromEnv) {
    const row = await findActiveSession(db, { sessionId: fromEnv });
    if (row) return row;
  }
  if (input.session_id) {
    const row = await findActiveSession(db, { claudeSessionId: input.session_id });
    if (row) return row;
  }
  return input.cwd ? findSessionForPath(db, input.cwd) : undefined;
}
