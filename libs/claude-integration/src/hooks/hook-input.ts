import * as v from 'valibot';

/** The fields of Claude Code's hook input that parallel-cc reads; everything else is ignored. */
export const HookInputSchema = v.looseObject({
  session_id: v.optional(v.string()),
  cwd: v.optional(v.string()),
  hook_event_name: v.optional(v.string()),
  tool_name: v.optional(v.string()),
  reason: v.optional(v.string()),
});

/** What a Claude Code session id may look like: letters, digits and a few separators, at most 200 characters. */
export const CLAUDE_SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** Hook input as parsed. */
export type HookInput = v.InferOutput<typeof HookInputSchema>;

/** Parses the JSON Claude Code writes to a hook's stdin; null for anything else (never throws). */
export function parseHookInput(text: string): HookInput | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const result = v.safeParse(HookInputSchema, value);
  if (!result.success) return null;
  // Claude Code's session ids are UUIDs; anything else (shell text, control characters, megabytes)
  // is not stored on a session row.
  if (result.output.session_id !== undefined && !CLAUDE_SESSION_ID.test(result.output.session_id)) delete result.output.session_id;
  return result.output;
}
