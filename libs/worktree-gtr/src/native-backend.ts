import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CreateRequest, RemoveRequest, WorktreeBackend } from './backend';
import { runGit } from './git';

/** Worktrees with plain `git worktree`: what runs wherever gtr is not installed. */
export const nativeBackend: WorktreeBackend = {
  name: 'native',
  async create({ repoRoot, branch, base, path: target, existingBranch, sparsePaths }: CreateRequest): Promise<string> {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const sparse = sparsePaths !== undefined && sparsePaths.length > 0;
    const where = existingBranch ? [target, branch] : ['-b', branch, target, base];
    await runGit(repoRoot, ['worktree', 'add', ...(sparse ? ['--no-checkout'] : []), ...where]);
    if (sparse) {
      try {
        // The patterns are the worktree's own (git turns on per-worktree config for them); then the files they keep are checked out.
        await runGit(target, ['sparse-checkout', 'set', '--cone', '--', ...sparsePaths]);
        await runGit(target, ['read-tree', '-mu', 'HEAD']);
      } catch (error) {
        // Nothing is in it yet, and a branch just made holds nothing but its base.
        await runGit(repoRoot, ['worktree', 'remove', '--force', '--force', target]).catch(() => undefined);
        if (!existingBranch) await runGit(repoRoot, ['branch', '-D', branch]).catch(() => undefined);
        throw error;
      }
    }
    return target;
  },
  async remove({ repoRoot, path: target, force }: RemoveRequest): Promise<void> {
    await runGit(repoRoot, ['worktree', 'remove', ...(force ? ['--force', '--force'] : []), target]);
  },
};
