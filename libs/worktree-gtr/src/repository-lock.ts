import * as path from 'node:path';

/** Waits up to about ten minutes for other processes' worktree work. */
const WAIT = { retries: 6000, factor: 1.2, minTimeout: 10, maxTimeout: 100 };

/**
 * Runs `fn` holding the repository's lock (`.git/parallel-cc-worktrees.lock`). git (2.39) cannot
 * add or remove worktrees of one repository from several processes at once: one reads another's
 * half-written or half-deleted `.git/worktrees/<name>` and dies ("failed to read … commondir",
 * "Invalid path '.git/worktrees/…'").
 */
export async function withRepositoryLock<T>(repoRoot: string, fn: () => Promise<T>): Promise<T> {
  const { lock } = await import('proper-lockfile');
  const gitDir = path.join(repoRoot, '.git');
  const release = await lock(gitDir, {
    lockfilePath: path.join(gitDir, 'parallel-cc-worktrees.lock'),
    realpath: false,
    retries: WAIT,
    // A lock whose refresh failed is only a lost guard, not a reason to kill the process.
    onCompromised: () => undefined,
  });
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}
