import * as fs from 'node:fs';
import * as path from 'node:path';
import { runGit } from './git';

/**
 * Keeps a worktrees folder that lies inside the main checkout (Claude Code's `.claude/worktrees`)
 * out of `git status` there: its folder is added to the repository's own `info/exclude`, which is
 * local and never committed. A folder outside the checkout needs nothing. Idempotent.
 */
export async function excludeNestedWorktrees(repoRoot: string, worktreesFolder: string): Promise<void> {
  const relative = path.relative(repoRoot, worktreesFolder);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return;
  const pattern = `/${relative.split(path.sep).join('/')}/`;
  const file = path.resolve(repoRoot, (await runGit(repoRoot, ['rev-parse', '--git-path', 'info/exclude'])).trim());
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current.split('\n').includes(pattern)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const separator = current === '' || current.endsWith('\n') ? '' : '\n';
  fs.appendFileSync(file, `${separator}# parallel-cc: worktrees made inside the checkout\n${pattern}\n`);
}
