import * as v from 'valibot';

// Fields of the tools Claude Code calls as `mcp_tool` hooks: strings interpolated from the hook's
// input (`${tool_input.file_path}`), so any string is taken and judged by the tool, which never
// fails a hook over it.

/** An optional string field filled in by a hook's interpolation. */
export function hookField(description: string) {
  return v.optional(v.pipe(v.string('must be a string'), v.description(description)));
}

/** The value, unless it is empty or an interpolation Claude Code left as it was (`${…}`). */
export function given(value: string | undefined): string | undefined {
  return value && !value.startsWith('${') ? value : undefined;
}

/** What a hook tool answers: Claude Code reads its text like a command hook's stdout (`''`: nothing to say). */
export const hookReplyOutput = v.object({
  reply: v.pipe(v.string(), v.description('The hook answer as JSON (hookSpecificOutput), or empty when there is nothing to say.')),
});
