import type { HookContext } from './hook-context';
import type { HookInput } from './hook-input';
import { findActiveSession, releaseSession } from '@parallel-cc/core-sessions';

/** SessionEnd: releases a session the hooks registered (the wrapper releases its own). */
export async function handleSessionEnd(context: HookContext, input: HookInput): Promise<null> {
  if (!input.session_id) return null;
  const row = await findActiveSession(context.coordinator.db, { claudeSessionId: input.session_id });
  if (row && row.origin === 'adopted') await releaseSession(context.coordinator, { sessionId: row.id });
  return null;
}
