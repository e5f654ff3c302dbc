import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveRepository } from '@parallel-cc/worktree-gtr';

/**
 * The main checkout path that rows of the repository containing `dir` are stored under. A folder
 * that is gone (or no longer a repository) still names its old rows, so listings fall back to
 * the path itself.
 */
export async function storedRepoPath(dir: string): Promise<string> {
  try {
    return (await resolveRepository(dir)).root;
  } catch {
    const absolute = path.resolve(dir);
    return fs.existsSync(absolute) ? fs.realpathSync(absolute) : absolute;
  }
}
