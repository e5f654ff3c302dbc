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
  // A line longer than any path is no rule; ignore would build a regular expression too large to run.
  const lines = fs.readFileSync(listFile, 'utf8').split('\n').filter((line) => line.length <= 4096);
  const matcher = ignore().add(lines);
  const named = lines.map((line) => line.trim().replace(/^\//, ''));
  const listIgnored = (...pathspec: string[]): Promise<string> =>
    runGit(repoRoot, ['ls-files', '--others', '--ignored', '--exclude-standard', '-z', ...pathspec]);
  const entries = (await listIgnored('--directory')).split('\0');
  const copied: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] ?? '';
    if (!entry) continue;
    if (!matcher.ignores(entry)) {
      // A wholly ignored folder comes back as `dir/`; open it only when a listed path lies inside.
      if (entry.endsWith('/') && named.some((line) => line.startsWith(entry))) {
        entries.push(...(await listIgnored('--', `:(literal)${entry}`)).split('\0'));
      }
      continue;
    }
    const from = path.join(repoRoot, entry);
    const to = path.join(worktreePath, entry);
    if (fs.existsSync(to)) continue;
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
    copied.push(entry.replace(/\/$/, ''));
  }
  return copied;
}
