import { spawnGit, WorktreeError } from '@parallel-cc/worktree-gtr';
import { SandboxError } from '../errors';

/** Runs `git <args>` in `dir` (an argument array, never a shell); a failure is a `GIT_FAILED` SandboxError quoting git. */
export async function git(dir: string, args: string[]): Promise<Buffer> {
  try {
    return await spawnGit(dir, args);
  } catch (error) {
    if (error instanceof WorktreeError) throw new SandboxError('GIT_FAILED', error.message, error.data);
    throw error;
  }
}
