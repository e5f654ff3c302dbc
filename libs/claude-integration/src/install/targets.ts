import * as path from 'node:path';

/** Claude Code's global settings: `~/.claude/settings.json`. */
export function globalSettingsPath(home: string): string {
  return path.join(home, '.claude', 'settings.json');
}

/** A repository's per-user settings: `<repo>/.claude/settings.local.json` (never committed). */
export function localSettingsPath(repoRoot: string): string {
  return path.join(repoRoot, '.claude', 'settings.local.json');
}

/** Git's per-repository ignore list, shared by all its worktrees (the main checkout holds the `.git` folder). */
export function gitExcludePath(repoRoot: string): string {
  return path.join(repoRoot, '.git', 'info', 'exclude');
}

/** Claude Code's own state file with the user-scoped MCP servers: `~/.claude.json`. */
export function claudeJsonPath(home: string): string {
  return path.join(home, '.claude.json');
}
