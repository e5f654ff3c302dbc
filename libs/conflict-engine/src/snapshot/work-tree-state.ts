import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where a work tree's real index file is: `.git/index`, or a linked worktree's own one in the common git folder. */
export function indexFileOf(worktree: string): string {
  const dotGit = path.join(worktree, '.git');
  const stat = fs.statSync(dotGit);
  if (stat.isDirectory()) return path.join(dotGit, 'index');
  // A linked worktree's `.git` is a file: `gitdir: <its folder in the main repository's .git/worktrees>`.
  const gitdir = /^gitdir: (.*)$/m.exec(fs.readFileSync(dotGit, 'utf8'))?.[1]?.trim() ?? '';
  return path.join(path.resolve(worktree, gitdir), 'index');
}

/**
 * A string that changes whenever the work tree's state may have: git's status output (HEAD, which
 * paths differ and how), the index file's stat, and the stat of every changed path, so that
 * further edits of a file that was already changed count too.
 */
export function stateKey(worktree: string, statusOutput: string, indexFile: string, paths: readonly string[]): string {
  const parts = [statusOutput, statOf(indexFile)];
  for (const p of paths) parts.push(`${p}\0${statOf(path.join(worktree, p))}`);
  return parts.join('\n');
}

function statOf(file: string): string {
  try {
    const s = fs.lstatSync(file, { bigint: true });
    return `${s.mtimeNs} ${s.ctimeNs} ${s.size} ${s.ino} ${s.mode}`;
  } catch {
    return 'missing';
  }
}
