import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The PIDs named as owners in a repository's worktree lock (`.git/parallel-cc-worktrees.lock`, a
 * folder holding one entry per owner, named `<pid>.<start time>.<nonce>`); empty when nobody holds it.
 */
export function lockOwners(repo: string): number[] {
  const lock = path.join(repo, '.git', 'parallel-cc-worktrees.lock');
  if (!fs.existsSync(lock)) return [];
  return fs.readdirSync(lock).map((name) => Number(name.split('.')[0]));
}
