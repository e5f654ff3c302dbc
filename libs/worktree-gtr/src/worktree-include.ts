import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore from 'ignore';
import { runGit } from './git';

/** The file at the repository root that lists, in gitignore syntax, ignored files to copy into new worktrees. */
export const WORKTREE_INCLUDE_FILE = '.worktreeinclude';

/**
 * Copies the ignored files that `.worktreeinclude` names (`.env`, local settings, …) from the
 * main checkout into a new worktree. Returns the copied paths, relative to the repository.
 */
export async function copyWorktreeIncludes(repoRoot: string, worktreePath: string): Promise<string[]> {
  const listFile = path.join(repoRoot, WORKTREE_INCLUDE_FILE);
  if (!fs.existsSync(listFile)) return [];
  const matcher = ignore().add(fs.readFileSync(listFile, 'utf8'));
  const ignored = await runGit(repoRoot, [
    'ls-files',
    '--others',
    '--ignored',
    '--exclude-standard',
    '--directory',
    '-z',
  ]);
  const copied: string[] = [];
  for (const entry of ignored.split('\0')) {
    if (!entry || !matcher.ignores(entry)) continue;
    const from = path.join(repoRoot, entry);
    const to = path.join(worktreePath, entry);
    if (fs.existsSync(to)) continue;
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
    copied.push(entry.replace(/\/$/, ''));
  }
  return copied;
}
