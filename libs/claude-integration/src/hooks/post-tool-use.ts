import type { HookContext } from './hook-context';
import type { HookInput } from './hook-input';
import { contextOutput, notificationLines } from './hook-output';
import type { HookOutput } from './hook-output';
import { findHookSession } from './find-hook-session';
import { logHookFailure } from '@parallel-cc/core-sessions';
import { EDIT_TOOLS } from './pre-tool-use';
import { heartbeat, recordEdit, takeNotifications } from '@parallel-cc/core-sessions';

/**
 * PostToolUse: a heartbeat for the session; after an edit (Edit, Write, MultiEdit, NotebookEdit)
 * an INTENT claim on the file and its changed lines in the session's changed files; and the
 * session's pending notifications for the model.
 */
export async function handlePostToolUse(context: HookContext, input: HookInput): Promise<HookOutput | null> {
  const session = await findHookSession(context, input);
  if (!session) return null;
  await heartbeat(context.coordinator, { sessionId: session.id });
  const file = editedFile(input);
  if (file !== null) {
    // A file the guard could not place (outside the repository, say) only loses its record.
    await recordEdit(context.coordinator, { sessionId: session.id, filePath: file, env: context.env }).catch((error: unknown) =>
      logHookFailure(context.env, 'post-tool-use', error),
    );
  }
  const pending = await takeNotifications(context.coordinator, session.id);
  return contextOutput('PostToolUse', notificationLines(pending));
}

function editedFile(input: HookInput): string | null {
  if (!(EDIT_TOOLS as readonly string[]).includes(input.tool_name ?? '')) return null;
  const toolInput = (input as { tool_input?: unknown }).tool_input;
  if (typeof toolInput !== 'object' || toolInput === null) return null;
  const { file_path: filePath, notebook_path: notebookPath } = toolInput as Record<string, unknown>;
  if (typeof filePath === 'string' && filePath) return filePath;
  return typeof notebookPath === 'string' && notebookPath ? notebookPath : null;
}
