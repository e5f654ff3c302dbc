import type { EditVerdict } from './check-edit';

// Claude Code caps a hook's additionalContext at 10,000 characters.
const MAX_TEXT = 9000;

/**
 * The guard's verdict as Claude Code reads a PreToolUse hook's stdout (or an `mcp_tool` hook's
 * text): a `deny` with its reason, a warning as `additionalContext` with no decision (so Claude's
 * own permission rules and prompts still apply), or nothing at all.
 */
export function guardHookReply(verdict: EditVerdict): string {
  if (verdict.action === 'none') return '';
  const text = verdict.text.length > MAX_TEXT ? `${verdict.text.slice(0, MAX_TEXT)}\u2026` : verdict.text;
  const hookSpecificOutput =
    verdict.action === 'deny'
      ? { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: text }
      : { hookEventName: 'PreToolUse', additionalContext: text };
  return `${JSON.stringify({ hookSpecificOutput })}\n`;
}
