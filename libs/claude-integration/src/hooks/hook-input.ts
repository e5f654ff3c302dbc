import * as v from 'valibot';

/** The fields of Claude Code's hook input that parallel-cc reads; everything else is ignored. */
export const HookInputSchema = v.looseObject({
  session_id: v.optional(v.string()),
  cwd: v.optional(v.string()),
  hook_event_name: v.optional(v.string()),
  tool_name: v.optional(v.string()),
  reason: v.optional(v.string()),
});

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
  return result.success ? result.output : null;
}
