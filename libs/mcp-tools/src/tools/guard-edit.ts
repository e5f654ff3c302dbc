import * as v from 'valibot';
import { defineTool } from './define-tool';
import { given, hookField, hookReplyOutput } from './hook-fields';

const Input = v.object({
  file_path: hookField('The file about to be edited (`${tool_input.file_path}`): absolute, or relative to cwd.'),
  notebook_path: hookField('The notebook about to be edited by NotebookEdit (`${tool_input.notebook_path}`).'),
  session_id: hookField("Claude Code's session id (`${session_id}`), to know which session is editing."),
  cwd: hookField("The editing session's folder (`${cwd}`); default: the server's folder."),
});

/** `guard_edit`: the PreToolUse edit guard, answered by the running server (an `mcp_tool` hook). */
export const guardEdit = defineTool({
  name: 'guard_edit',
  title: 'Edit guard (PreToolUse hook)',
  description:
    "Claude Code's PreToolUse hook calls this before each Edit, Write, MultiEdit or NotebookEdit; you need not call it yourself. " +
    'It answers with the hook JSON: a deny when another live session holds the file EXCLUSIVE (that session is told), ' +
    'a warning naming the sessions, branches and lines when others changed or claimed it, and nothing otherwise. ' +
    'To see who works on a file, call who_is_editing.',
  input: Input,
  output: hookReplyOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const core = await import('@parallel-cc/core-sessions');
    const filePath = given(input.file_path) ?? given(input.notebook_path);
    if (!filePath) return { reply: '' };
    try {
      const { raw } = await context.coordinator();
      const attempt = {
        filePath,
        cwd: given(input.cwd) ?? context.cwd,
        claudeSessionId: given(input.session_id),
        sessionId: context.env['PARALLEL_CC_SESSION_ID']?.trim() || undefined,
      };
      return { reply: core.guardHookReply(core.checkEdit(raw, attempt, { env: context.env, now: context.now() })) };
    } catch (error) {
      // The guard never stops an edit by failing: the failure goes to the hooks' log.
      core.logHookFailure(context.env, 'guard_edit', error);
      return { reply: '' };
    }
  },
  summary: ({ reply }) => reply,
});
