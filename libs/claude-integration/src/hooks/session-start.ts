import * as path from 'node:path';
import type { HookContext } from './hook-context';
import type { HookInput } from './hook-input';
import { contextOutput, notificationLines } from './hook-output';
import type { HookOutput } from './hook-output';
import { attachClaudeSession, findActiveSession, otherLiveSessions, plural, registerInPlace, takeNotifications } from '@parallel-cc/core-sessions';

/**
 * SessionStart. Inside a session the wrapper registered: attach Claude Code's session id to it and
 * tell the model where it works. For a plain `claude`: register it in place; when another live
 * session already works there, register it beside that one (a guest, seen by everyone) and warn
 * the model of the collision and how to move to a worktree.
 */
export async function handleSessionStart(context: HookContext, input: HookInput): Promise<HookOutput | null> {
  const { coordinator, env } = context;
  const wrapped = env.PARALLEL_CC_SESSION_ID
    ? await findActiveSession(coordinator.db, { sessionId: env.PARALLEL_CC_SESSION_ID })
    : undefined;
  if (wrapped) {
    if (input.session_id) await attachClaudeSession(coordinator, wrapped.id, input.session_id);
    const others = await otherLiveSessions(coordinator.db, wrapped);
    const pending = await takeNotifications(coordinator, wrapped.id);
    return contextOutput('SessionStart', [describePlace(wrapped, others.length), ...notificationLines(pending)]);
  }
  if (!input.cwd) return null;
  const outcome = await registerInPlace(coordinator, {
    dir: input.cwd,
    pid: context.agentPid(),
    claudeSessionId: input.session_id ?? null,
    env,
  });
  if (outcome.heldBy) {
    const holder = outcome.heldBy;
    return contextOutput('SessionStart', [
      `parallel-cc: another live session (${holder.id.slice(0, 8)}, PID ${holder.agent_pid ?? holder.pid}) is already working in ${holder.worktree_path}; this session (${outcome.session.id.slice(0, 8)}) is registered there beside it.`,
      // EnterWorktree and `claude -w` both go through our WorktreeCreate hook, which registers the session there.
      'Edits here can collide with its work. Unless the user wants that, tell them and offer to move this session into a git worktree and branch of its own: with their agreement, use the `EnterWorktree` tool; or they can exit and restart with `claude -w <name>`.',
    ]);
  }
  return null;
}

function describePlace(
  session: { worktree_path: string; is_main_repo: number; branch: string | null; base_branch: string; repo_path: string },
  others: number,
): string {
  const where = session.is_main_repo
    ? `the main checkout of ${path.basename(session.repo_path)}`
    : `its own git worktree ${session.worktree_path} on branch ${session.branch} (from ${session.base_branch})`;
  const company = others === 0 ? 'No other session works in this repository now.' : `${plural(others, 'other session')} ${others === 1 ? 'works' : 'work'} in this repository in their own places; do not edit files outside ${session.worktree_path}.`;
  return `parallel-cc: this session works in ${where}. ${company}`;
}
