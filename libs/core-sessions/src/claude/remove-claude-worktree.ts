import type { Coordinator } from '../db/open-database';
import { isSessionAlive } from '../liveness/session-state';
import { retireSession } from '../sessions/retire';
import type { RetireResult } from '../sessions/retire';
import { claudeWorktreePath } from './claude-worktree';

/** Why {@link removeClaudeWorktree} left a folder alone. */
export interface WorktreeLeftAlone {
  skipped: string;
}

/**
 * Claude Code's WorktreeRemove: releases the session registered at `worktreePath` under the
 * release rules (a worktree holding work is kept, its branch goes only when integrated or empty).
 * Only a worktree the WorktreeCreate hook made (for `claude -w` or a subagent) is Claude's to
 * remove: never the main checkout, a wrapper's or a run's worktree, nor one a live agent of
 * another Claude session (`claudeSessionId` tells the caller) works in; for those, and where no
 * session is registered, the answer says why nothing was done.
 */
export async function removeClaudeWorktree(
  coordinator: Coordinator,
  options: { worktreePath: string; claudeSessionId?: string; env?: NodeJS.ProcessEnv },
): Promise<RetireResult | WorktreeLeftAlone> {
  const place = claudeWorktreePath(options.worktreePath);
  const row = await coordinator.db
    .selectFrom('sessions')
    .selectAll()
    .where('worktree_path', '=', place)
    .where('shares_place_with', 'is', null)
    .executeTakeFirst();
  if (!row) return { skipped: `no session is registered at ${place}` };
  const who = `session ${row.id.slice(0, 8)}`;
  if (row.is_main_repo) return { skipped: `${place} is the main checkout (${who}), which is never removed` };
  if (row.origin !== 'claude-worktree' && row.origin !== 'subagent') {
    return { skipped: `${place} is ${who}'s worktree, not one made for Claude (release it with \`parallel-cc release\`)` };
  }
  const caller = options.claudeSessionId;
  if (caller !== undefined && row.claude_session_id !== null && row.claude_session_id !== caller && row.status !== 'kept' && isSessionAlive(row)) {
    return { skipped: `${place} belongs to ${who} of another Claude Code session, whose agent still runs` };
  }
  return retireSession(coordinator, row, { env: options.env, claudeRemoves: true });
}
