import * as v from 'valibot';
import { findCallingSession } from '../session/calling-session';
import { defineTool } from './define-tool';
import { given, hookField, hookReplyOutput } from './hook-fields';

const EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);

const Input = v.object({
  tool_name: hookField('The tool that just ran (`${tool_name}`).'),
  file_path: hookField('The file it edited (`${tool_input.file_path}`), for Edit, Write and MultiEdit.'),
  notebook_path: hookField('The notebook it edited (`${tool_input.notebook_path}`), for NotebookEdit.'),
  session_id: hookField("Claude Code's session id (`${session_id}`), to know which session ran the tool."),
  cwd: hookField("The session's folder (`${cwd}`); default: the server's folder."),
});

/** `record_edit`: the PostToolUse heartbeat, edit record and notifications, answered by the running server (an `mcp_tool` hook). */
export const recordEdit = defineTool({
  name: 'record_edit',
  title: 'Heartbeat and edit record (PostToolUse hook)',
  description:
    "Claude Code's PostToolUse hook calls this after each tool; you need not call it yourself. It records that your session is " +
    'working; after an edit it claims the file INTENT (so that other sessions see it before anything is committed) and records ' +
    'the changed lines; and it hands you your pending notifications (get_notifications does that too).',
  input: Input,
  output: hookReplyOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(input, context) {
    const core = await import('@parallel-cc/core-sessions');
    try {
      const coordinator = await context.coordinator();
      const claudeSessionId = given(input.session_id);
      const cwd = given(input.cwd);
      const session =
        (await findCallingSession(context)) ??
        (claudeSessionId ? await core.findActiveSession(coordinator.db, { claudeSessionId }) : undefined) ??
        (cwd ? await core.findSessionForPath(coordinator.db, cwd) : undefined);
      if (!session) return { reply: '' };
      await core.heartbeat(coordinator, { sessionId: session.id });
      const file = given(input.file_path) ?? given(input.notebook_path);
      if (file && EDIT_TOOLS.has(given(input.tool_name) ?? '')) {
        await core
          .recordEdit(coordinator, { sessionId: session.id, filePath: file, env: context.env })
          .catch((error: unknown) => core.logHookFailure(context.env, 'record_edit', error));
      }
      const pending = await core.takeNotifications(coordinator, session.id);
      const text = pending.map((n) => `[parallel-cc ${n.kind}] ${n.text}`).join('\n');
      return { reply: text ? `${JSON.stringify({ hookSpecificOutput: { hookEventName: 'PostToolUse', additionalContext: text } })}\n` : '' };
    } catch (error) {
      core.logHookFailure(context.env, 'record_edit', error);
      return { reply: '' };
    }
  },
  summary: ({ reply }) => reply,
});
