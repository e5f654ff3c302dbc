import type { Database as Sqlite } from 'better-sqlite3';
import { checkEdit, guardHookReply, openGuardDatabase } from '@parallel-cc/core-sessions';
import type { EditAttempt } from '@parallel-cc/core-sessions';
import { CLAUDE_SESSION_ID } from './hook-input';
import { logHookFailure } from '@parallel-cc/core-sessions';

/** The tools whose edits the guard checks (the PreToolUse matcher). */
export const EDIT_TOOLS = ['Edit', 'Write', 'MultiEdit', 'NotebookEdit'] as const;

/** The file a PreToolUse (or PostToolUse) input is about, or null when it is not an edit of one file. */
export function editAttempt(stdin: string, env: NodeJS.ProcessEnv): EditAttempt | null {
  const input = JSON.parse(stdin) as unknown;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('hook input is not a JSON object');
  const { tool_input: toolInput, cwd, session_id: sessionId } = input as Record<string, unknown>;
  if (typeof toolInput !== 'object' || toolInput === null) return null;
  const { file_path: filePath, notebook_path: notebookPath } = toolInput as Record<string, unknown>;
  const file = typeof filePath === 'string' && filePath ? filePath : typeof notebookPath === 'string' && notebookPath ? notebookPath : null;
  if (file === null) return null;
  return {
    filePath: file,
    cwd: typeof cwd === 'string' && cwd ? cwd : undefined,
    claudeSessionId: typeof sessionId === 'string' && CLAUDE_SESSION_ID.test(sessionId) ? sessionId : undefined,
    sessionId: env.PARALLEL_CC_SESSION_ID || undefined,
  };
}

/**
 * The PreToolUse edit guard: denies an edit of a file another live session holds EXCLUSIVE, warns
 * (as `additionalContext`) when another session changed or claimed it, and prints nothing
 * otherwise. Synchronous and light (better-sqlite3 alone): it runs before every edit. It never
 * blocks an edit by failing: bad input, a path outside the repository or any other failure prints
 * nothing and is logged to `$PARALLEL_CC_HOME/logs/hooks.log`.
 */
export function runEditGuard(stdin: string, options: { env: NodeJS.ProcessEnv; now?: Date }): string {
  let raw: Sqlite | null = null;
  try {
    const attempt = editAttempt(stdin, options.env);
    if (!attempt) return '';
    raw = openGuardDatabase(options.env);
    if (!raw) return '';
    return guardHookReply(checkEdit(raw, attempt, { env: options.env, now: options.now }));
  } catch (error) {
    logHookFailure(options.env, 'pre-tool-use', error);
    return '';
  } finally {
    try {
      raw?.close();
    } catch {
      // Closing cannot change the answer.
    }
  }
}
