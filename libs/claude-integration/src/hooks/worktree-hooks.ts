import * as v from 'valibot';
import type { Coordinator } from '@parallel-cc/core-sessions';
import { createClaudeWorktree, openCoordinator, removeClaudeWorktree } from '@parallel-cc/core-sessions';
import { agentPid } from './agent-pid';

/** What a worktree hook prints and how it exits (unlike the other hooks, a failure must abort Claude's step). */
export interface WorktreeHookResult {
  code: number;
  stdout: string;
  stderr: string;
}

// Claude Code's ids are UUIDs; anything else is not stored on a session row.
const CLAUDE_SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

const CreateInputSchema = v.looseObject({
  name: v.string('"name" must be a string'),
  cwd: v.pipe(v.string('"cwd" must be a string'), v.minLength(1, '"cwd" must not be empty')),
  session_id: v.optional(v.string()),
});
const RemoveInputSchema = v.looseObject({
  worktree_path: v.pipe(v.string('"worktree_path" must be a string'), v.minLength(1, '"worktree_path" must not be empty')),
});

/** The worktree hooks, by the name `parallel-cc hook <name>` takes. */
export const WORKTREE_HOOKS = ['worktree-create', 'worktree-remove'] as const;

/**
 * Runs Claude Code's WorktreeCreate or WorktreeRemove hook. WorktreeCreate prints only the new
 * worktree's absolute path on stdout; every message goes to stderr; any failure (bad stdin, a
 * bad name, a held worktree) exits 1 with one line saying why, and nothing is left behind.
 * WorktreeRemove reports a kept worktree on stderr and exits 0.
 */
export async function runWorktreeHook(
  name: (typeof WORKTREE_HOOKS)[number],
  stdin: string,
  options: { env: NodeJS.ProcessEnv; agentPid?: () => number },
): Promise<WorktreeHookResult> {
  const label = name === 'worktree-create' ? 'WorktreeCreate' : 'WorktreeRemove';
  const fail = (why: string): WorktreeHookResult => ({ code: 1, stdout: '', stderr: `parallel-cc ${label}: ${why}\n` });
  let json: unknown;
  try {
    json = JSON.parse(stdin);
  } catch {
    return fail('stdin is not JSON; expected the hook input Claude Code writes.');
  }
  let coordinator: Coordinator | undefined;
  try {
    if (name === 'worktree-create') {
      const parsed = v.safeParse(CreateInputSchema, json);
      if (!parsed.success) return fail(`bad hook input: ${parsed.issues[0].message}.`);
      const input = parsed.output;
      coordinator = await openCoordinator({ env: options.env });
      const made = await createClaudeWorktree(coordinator, {
        cwd: input.cwd,
        name: input.name,
        claudeSessionId: input.session_id && CLAUDE_SESSION_ID.test(input.session_id) ? input.session_id : null,
        pid: (options.agentPid ?? (() => agentPid()))(),
        env: options.env,
      });
      const how = made.reused ? 'resumed in' : 'made';
      const lines = [
        `parallel-cc: ${how} worktree ${made.worktreePath} on branch ${made.branch ?? '(detached)'} for session ${made.sessionId.slice(0, 8)} (${made.origin}).`,
        ...made.warnings.map((w) => `parallel-cc: warning: ${w}`),
      ];
      return { code: 0, stdout: `${made.worktreePath}\n`, stderr: `${lines.join('\n')}\n` };
    }
    const parsed = v.safeParse(RemoveInputSchema, json);
    if (!parsed.success) return fail(`bad hook input: ${parsed.issues[0].message}.`);
    coordinator = await openCoordinator({ env: options.env });
    const result = await removeClaudeWorktree(coordinator, { worktreePath: parsed.output.worktree_path, env: options.env });
    if (!result) return { code: 0, stdout: '', stderr: `parallel-cc: no session is registered at ${parsed.output.worktree_path}; nothing removed.\n` };
    const said =
      result.worktree === 'removed'
        ? `parallel-cc: removed worktree ${result.worktreePath}${result.branch ? ` (branch ${result.branch} ${result.branchOutcome === 'deleted' ? 'deleted' : 'kept'})` : ''}.`
        : `parallel-cc: kept worktree ${result.worktreePath}: ${result.reasons.join('; ') || result.status}.`;
    return { code: 0, stdout: '', stderr: `${said}\n` };
  } catch (error) {
    return fail(((error as Error).message ?? String(error)).split('\n')[0] ?? 'failed');
  } finally {
    await coordinator?.close().catch(() => undefined);
  }
}
