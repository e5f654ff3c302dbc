import * as fs from 'node:fs';
import * as path from 'node:path';

/** Claude Code's per-user settings of a repository (never committed); parallel-cc's local hooks live there. */
export const CLAUDE_LOCAL_SETTINGS = path.join('.claude', 'settings.local.json');

/**
 * Copies the main checkout's `.claude/settings.local.json` into a new worktree that lacks it, so
 * that a session in the worktree runs the same local hooks. Returns whether it copied.
 */
export function copyClaudeLocalSettings(repoRoot: string, worktreePath: string): boolean {
  const from = path.join(repoRoot, CLAUDE_LOCAL_SETTINGS);
  const to = path.join(worktreePath, CLAUDE_LOCAL_SETTINGS);
  if (!fs.existsSync(from) || fs.existsSync(to)) return false;
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  return true;
}
