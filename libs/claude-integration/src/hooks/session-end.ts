import type { HookContext } from './hook-context';
import type { HookInput } from './hook-input';
import { releaseSession, sessionsOfClaudeSession } from '@parallel-cc/core-sessions';
import type { SessionOrigin } from '@parallel-cc/core-sessions';

// The sessions the hooks registered; the wrapper releases its own (`wrapper`), a run its (`sandbox`).
const HOOK_ORIGINS: readonly SessionOrigin[] = ['adopted', 'claude-worktree', 'subagent'];

// The conversation ends but Claude Code goes on in the same folder (`/clear`): nothing to release.
const GOES_ON: ReadonlySet<string> = new Set(['clear']);

/**
 * SessionEnd: releases the sessions the hooks registered for this Claude Code session, its
 * subagents' included. A worktree made for Claude stays for `claude -w NAME` to resume in, unless
 * it is clean and its branch integrated; Claude's WorktreeRemove decides the rest. After `/clear`
 * (reason `clear`) the agent goes on working there: its sessions stay, and the next SessionStart
 * attaches the new conversation to them.
 */
export async function handleSessionEnd(context: HookContext, input: HookInput): Promise<null> {
  if (!input.session_id || GOES_ON.has(input.reason ?? '')) return null;
  const rows = await sessionsOfClaudeSession(context.coordinator.db, input.session_id);
  // Subagents' sessions first, so that none outlives the session it belongs to.
  for (const row of rows.filter((r) => HOOK_ORIGINS.includes(r.origin)).reverse()) {
    await releaseSession(context.coordinator, { sessionId: row.id });
  }
  return null;
}
