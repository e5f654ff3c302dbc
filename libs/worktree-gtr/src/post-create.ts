import { spawn } from 'node:child_process';
import { WorktreeError } from './errors';

/** What the post-create command is told, in its environment. */
export interface PostCreateContext {
  worktreePath: string;
  repoRoot: string;
  branch: string;
}

/**
 * Runs the user's configured post-create command (`parallel-cc.postCreate` in git config, like a
 * git hook: the user's own shell command, never one built from other input) in the new worktree,
 * with WORKTREE_PATH, REPO_ROOT and BRANCH in its environment. Its output goes to stderr.
 */
export function runPostCreate(
  command: string,
  context: PostCreateContext,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], {
      cwd: context.worktreePath,
      env: {
        ...env,
        WORKTREE_PATH: context.worktreePath,
        REPO_ROOT: context.repoRoot,
        BRANCH: context.branch,
      },
      stdio: ['ignore', process.stderr, process.stderr],
    });
    child.on('error', (error) =>
      reject(new WorktreeError('POST_CREATE_FAILED', `The post-create command could not start: ${error.message}`)),
    );
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new WorktreeError(
            'POST_CREATE_FAILED',
            `The post-create command exited with ${signal ?? `code ${code}`} in ${context.worktreePath}.`,
            { command, code, signal },
          ),
        );
    });
  });
}
