import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseWorktreeList } from '@parallel-cc/git';
import type { WorktreeConfig } from './config';
import { runGit } from './git';
import { worktreePathFor } from './names';
import { linkedGitDir, lockReason } from './worktree-admin';

/** A session's branch, `parallel-cc/<8 hex>`, as only parallel-cc names branches. */
export const SESSION_BRANCH = /^parallel-cc\/[0-9a-f]{8}$/;
/** A session worktree's folder name: its branch with `/` turned into `-`. */
const SESSION_FOLDER = /^parallel-cc-[0-9a-f]{8}$/;

/**
 * Something a session of parallel-cc left in a repository that no session owns: a registered
 * git worktree in the worktrees folder, a folder there that git no longer knows, a worktree
 * entry whose folder is gone, or a session branch with no worktree.
 */
export interface Leftover {
  kind: 'worktree' | 'folder' | 'pruned-worktree' | 'branch';
  path: string | null;
  branch: string | null;
  /** git's lock on the worktree (`initializing` while `git worktree add` has not finished), or null. */
  lockReason: string | null;
}

/** What sessions own: their places and branches; nothing owned is ever a leftover. */
export interface Owned {
  paths: Iterable<string>;
  branches: Iterable<string>;
}

/**
 * The leftovers of `repoRoot`: only folders named like session worktrees in the repository's
 * worktrees folder and branches named like session branches are considered, and none that a
 * session owns. Call it holding the repository lock, with `owned` read under that lock.
 */
export async function findLeftovers(repoRoot: string, config: WorktreeConfig, owned: Owned): Promise<Leftover[]> {
  const dir = path.dirname(worktreePathFor(repoRoot, 'parallel-cc/00000000', config.worktreesDir));
  const ownedPaths = new Set([...owned.paths].map((p) => path.resolve(p)));
  const ownedBranches = new Set(owned.branches);
  const listed = parseWorktreeList(await runGit(repoRoot, ['worktree', 'list', '--porcelain', '-z']));
  const ours = (p: string) => path.dirname(p) === dir && SESSION_FOLDER.test(path.basename(p)) && !ownedPaths.has(p);
  const leftovers: Leftover[] = [];
  for (const entry of listed.slice(1)) {
    if (!ours(entry.path)) continue;
    const kind = entry.prunable || !fs.existsSync(entry.path) ? 'pruned-worktree' : 'worktree';
    leftovers.push({ kind, path: entry.path, branch: entry.branch, lockReason: entry.locked ? (lockReason(entry.path) ?? '') : null });
  }
  const listedPaths = new Set(listed.map((e) => e.path));
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const folder = path.join(dir, name);
    if (!ours(folder) || listedPaths.has(folder) || !fs.lstatSync(folder).isDirectory()) continue;
    if (belongsToAnotherRepository(folder)) continue;
    leftovers.push({ kind: 'folder', path: folder, branch: null, lockReason: null });
  }
  const checkedOut = new Set(listed.map((e) => e.branch));
  const branches = await runGit(repoRoot, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/parallel-cc/']);
  for (const branch of branches.split('\n')) {
    if (!SESSION_BRANCH.test(branch) || ownedBranches.has(branch)) continue;
    // A leftover worktree's branch is dealt with together with its worktree.
    if (checkedOut.has(branch)) continue;
    leftovers.push({ kind: 'branch', path: null, branch, lockReason: null });
  }
  return leftovers;
}

// A shared worktrees folder (PARALLEL_CC_WORKTREES_DIR) holds other repositories' worktrees: a
// folder whose `.git` file points to a live admin folder belongs to one of them, not to us.
function belongsToAnotherRepository(folder: string): boolean {
  const gitDir = linkedGitDir(folder);
  return gitDir !== null && fs.existsSync(gitDir);
}
