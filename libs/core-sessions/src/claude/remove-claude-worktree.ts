import type { Coordinator } from '../db/open-database';
import { retireSession } from '../sessions/retire';
import type { RetireResult } from '../sessions/retire';
import { claudeWorktreePath } from './claude-worktree';

/**
 * Claude Code's WorktreeRemove: releases the session registered at `worktreePath` under the
 * release rules (a worktree holding work is kept, its branch goes only when integrated or empty).
 * Null when no session is registered there: nothing of ours to remove.
 */
export async function removeClaudeWorktree(
  coordinator: Coordinator,
  options: { worktreePath: string; env?: NodeJS.ProcessEnv },
): Promise<RetireResult | null> {
  const place = claudeWorktreePath(options.worktreePath);
  const row = await coordinator.db
    .selectFrom('sessions')
    .selectAll()
    .where('worktree_path', '=', place)
    .where('shares_place_with', 'is', null)
    .executeTakeFirst();
  return row ? retireSession(coordinator, row, { env: options.env, claudeRemoves: true }) : null;
}
