import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Claude Code's `worktree.*` settings, as Claude reads them. */
export interface ClaudeWorktreeSettings {
  /** `head`: the current HEAD; `fresh`: the remote's default branch, fetched. */
  baseRef?: 'head' | 'fresh';
  /** Folders symlinked from the main checkout into each new worktree (e.g. `node_modules`). */
  symlinkDirectories?: string[];
  /** Paths of a sparse (cone) checkout for each new worktree. */
  sparsePaths?: string[];
}

/**
 * Reads `worktree.*` from the settings files Claude Code reads, later ones winning per key:
 * `~/.claude/settings.json`, `<repo>/.claude/settings.json`, `<repo>/.claude/settings.local.json`.
 * A file that is missing or not JSON is skipped (Claude reports those itself); values of the
 * wrong type are ignored.
 */
export function readClaudeWorktreeSettings(repoRoot: string, env: NodeJS.ProcessEnv = process.env): ClaudeWorktreeSettings {
  const home = env.HOME || os.homedir();
  const files = [
    path.join(home, '.claude', 'settings.json'),
    path.join(repoRoot, '.claude', 'settings.json'),
    path.join(repoRoot, '.claude', 'settings.local.json'),
  ];
  const settings: ClaudeWorktreeSettings = {};
  for (const file of files) {
    const worktree = readJson(file)?.worktree;
    if (typeof worktree !== 'object' || worktree === null) continue;
    const { baseRef, symlinkDirectories, sparsePaths } = worktree as Record<string, unknown>;
    if (baseRef === 'head' || baseRef === 'fresh') settings.baseRef = baseRef;
    if (isStringList(symlinkDirectories)) settings.symlinkDirectories = symlinkDirectories;
    if (isStringList(sparsePaths)) settings.sparsePaths = sparsePaths;
  }
  return settings;
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
