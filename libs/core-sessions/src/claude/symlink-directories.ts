import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Symlinks each of `dirs` (Claude's `worktree.symlinkDirectories`, relative to the checkout) from
 * the main checkout into a new worktree, so big folders such as `node_modules` are shared rather
 * than rebuilt. A name leading outside the checkout, or missing in the main checkout, is skipped
 * with a warning; one already present in the worktree (tracked files) is left alone.
 */
export function linkDirectories(repoRoot: string, worktree: string, dirs: string[]): { linked: string[]; warnings: string[] } {
  const linked: string[] = [];
  const warnings: string[] = [];
  for (const dir of dirs) {
    const relative = path.normalize(dir).replace(/[\\/]+$/, '');
    if (!relative || relative === '.' || path.isAbsolute(relative) || relative.split(path.sep).includes('..')) {
      warnings.push(`worktree.symlinkDirectories: ${JSON.stringify(dir)} is not a folder inside the checkout; skipped.`);
      continue;
    }
    const source = path.join(repoRoot, relative);
    const target = path.join(worktree, relative);
    if (!fs.statSync(source, { throwIfNoEntry: false })?.isDirectory()) continue;
    if (fs.lstatSync(target, { throwIfNoEntry: false })) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(source, target, 'dir');
    linked.push(relative);
  }
  return { linked, warnings };
}
