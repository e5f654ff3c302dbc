import { noSessionPlace } from '@parallel-cc/core-sessions';
import { claudeMakesWorktree, claudeStartsSession } from './claude-commands';

/** How `claude-parallel <args>` runs claude: as a session, or straight through (with a note to show, if any). */
export type ClaudeRunPlan = { session: true } | { session: false; note: string | null };

/**
 * Decides whether `claude <args>` started in `cwd` becomes a session: not when it is no working
 * session (`--version`, `mcp …`), when Claude makes its own worktree (`-w`: our WorktreeCreate
 * hook registers that session, and a worktree of ours around it would be a second one), or when
 * `cwd` cannot hold one (outside a git repository, or a repository without commits); then claude
 * runs as if the alias were not there.
 */
export async function planClaudeRun(args: readonly string[], cwd: string): Promise<ClaudeRunPlan> {
  if (!claudeStartsSession(args) || claudeMakesWorktree(args)) return { session: false, note: null };
  const noPlace = await noSessionPlace(cwd);
  if (noPlace === null) return { session: true };
  // Outside a repository is the everyday case (claude in ~); a repository we cannot use is worth a word.
  return { session: false, note: noPlace.code === 'NOT_A_REPOSITORY' ? null : `${noPlace.message} claude runs without a parallel-cc session.` };
}
