import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CreateRequest, RemoveRequest, WorktreeBackend } from './backend';
import { runGit } from './git';

/** Worktrees with plain `git worktree`: what runs wherever gtr is not installed. */
export const nativeBackend: WorktreeBackend = {
  name: 'native',
  async create({ repoRoot, branch, base, path: target }: CreateRequest): Promise<string> {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await runGit(repoRoot, ['worktree', 'add', '-b', branch, target, base]);
    return target;
  },
  async remove({ repoRoot, path: target, force }: RemoveRequest): Promise<void> {
    await runGit(repoRoot, ['worktree', 'remove', ...(force ? ['--force', '--force'] : []), target]);
  },
};
