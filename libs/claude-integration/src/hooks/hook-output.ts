import type { Notification } from '@parallel-cc/core-sessions';

/** What a hook prints for Claude Code: context for the model, for the events that accept it. */
export interface HookOutput {
  hookSpecificOutput: {
    hookEventName: 'SessionStart' | 'PostToolUse' | 'UserPromptSubmit';
    additionalContext: string;
  };
}

/** A hook answer carrying `lines` to the model, or null when there is nothing to say. */
export function contextOutput(event: HookOutput['hookSpecificOutput']['hookEventName'], lines: string[]): HookOutput | null {
  const text = lines.filter(Boolean).join('\n');
  return text ? { hookSpecificOutput: { hookEventName: event, additionalContext: text } } : null;
}

/** Notifications as lines for the model. */
export function notificationLines(notifications: Notification[]): string[] {
  return notifications.map((n) => `[parallel-cc ${n.kind}] ${n.text}`);
}
