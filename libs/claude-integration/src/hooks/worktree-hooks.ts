import * as v from 'valibot';
import type { Coordinator } from '@parallel-cc/core-sessions';
import { createClaudeWorktree, openCoordinator, removeClaudeWorktree } from '@parallel-cc/core-sessions';
import { agentPid } from './agent-pid';
import { CLAUDE_SESSION_ID } from './hook-input';

/** What a worktree hook prints and how it exits (unlike the other hooks, a failure must abort Claude's step). */
export interface WorktreeHookResult {
  code: number;
  stdout: string;
  stderr: string;
}

const CreateInputSchema = v.looseObject({
  name: v.string(),
  cwd: v.pipe(v.string(), v.minLength(1)),
  session_id: v.optional(v.string()),
});
const RemoveInputSchema = v.looseObject({ worktree_path: v.pipe(v.string(), v.minLength(1)), session_id: v.optional(v.string()) });

// The first field that is missing or wrong, in a line: the hook's input is Claude Code's JSON, not the user's.
function inputProblem(issues: readonly v.BaseIssue<unknown>[]): string {
  const key = issues[0]?.path?.[0]?.key;
  return typeof key === 'string' ? `bad hook input: "${key}" is missing or not a non-empty string.` : 'bad hook input: expected a JSON object.';
}

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
  if (name === 'worktree-create') {
    const parsed = v.safeParse(CreateInputSchema, json);
    if (!parsed.success) return fail(inputProblem(parsed.issues));
    return withHookCoordinator(options.env, fail, (coordinator) => createWorktree(coordinator, parsed.output, options));
  }
  const parsed = v.safeParse(RemoveInputSchema, json);
  if (!parsed.success) return fail(inputProblem(parsed.issues));
  return withHookCoordinator(options.env, fail, (coordinator) => removeWorktree(coordinator, parsed.output, options.env));
}

// Opens the database for one hook call; any failure is the hook's one line, and the database is closed whatever happens.
async function withHookCoordinator(
  env: NodeJS.ProcessEnv,
  fail: (why: string) => WorktreeHookResult,
  work: (coordinator: Coordinator) => Promise<WorktreeHookResult>,
): Promise<WorktreeHookResult> {
  let coordinator: Coordinator | undefined;
  try {
    coordinator = await openCoordinator({ env });
    return await work(coordinator);
  } catch (error) {
    return fail(((error as Error).message ?? String(error)).split('\n')[0] ?? 'failed');
  } finally {
    await coordinator?.close().catch(() => undefined);
  }
}

async function createWorktree(
  coordinator: Coordinator,
  input: v.InferOutput<typeof CreateInputSchema>,
  options: { env: NodeJS.ProcessEnv; agentPid?: () => number },
): Promise<WorktreeHookResult> {
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

async function removeWorktree(coordinator: Coordinator, input: v.InferOutput<typeof RemoveInputSchema>, env: NodeJS.ProcessEnv): Promise<WorktreeHookResult> {
  const claudeSessionId = input.session_id !== undefined && CLAUDE_SESSION_ID.test(input.session_id) ? input.session_id : undefined;
  const result = await removeClaudeWorktree(coordinator, { worktreePath: input.worktree_path, claudeSessionId, env });
  if ('skipped' in result) return { code: 0, stdout: '', stderr: `parallel-cc: ${result.skipped}; nothing removed.\n` };
  const said =
    result.worktree === 'removed'
      ? `parallel-cc: removed worktree ${result.worktreePath}${result.branch ? ` (branch ${result.branch} ${result.branchOutcome === 'deleted' ? 'deleted' : 'kept'})` : ''}.`
      : `parallel-cc: kept worktree ${result.worktreePath}: ${result.reasons.join('; ') || result.status}.`;
  return { code: 0, stdout: '', stderr: `${said}\n` };
}
