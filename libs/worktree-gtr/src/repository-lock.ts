import * as path from 'node:path';
import { acquireOwnedLock } from './owned-lock';
import { pidOnlyStartTime } from './process-owner';
import type { StartTimeProbe } from './process-owner';

/** How long to wait for another live process's worktree work before failing. */
const WAIT_MS = 10 * 60 * 1000;

/** How {@link withRepositoryLock} tells its owner apart from a later process with the same PID. */
export interface RepositoryLockOptions {
  /** core-sessions' `processStartTime`; without it owners are told apart by PID alone. */
  processStartTime?: StartTimeProbe;
  /** How long to wait for a live owner (default ten minutes). */
  timeoutMs?: number;
}

/**
 * Runs `fn` holding the repository's lock (`.git/parallel-cc-worktrees.lock`). git (2.39) cannot
 * add or remove worktrees of one repository from several processes at once: one reads another's
 * half-written or half-deleted `.git/worktrees/<name>` and dies ("failed to read … commondir",
 * "Invalid path '.git/worktrees/…'"). The lock names its owner, so a lock left by a killed
 * process is taken over at once.
 */
export async function withRepositoryLock<T>(repoRoot: string, options: RepositoryLockOptions, fn: () => Promise<T>): Promise<T> {
  const release = await acquireOwnedLock(path.join(repoRoot, '.git', 'parallel-cc-worktrees.lock'), {
    probe: options.processStartTime ?? pidOnlyStartTime,
    timeoutMs: options.timeoutMs ?? WAIT_MS,
  });
  try {
    return await fn();
  } finally {
    release();
  }
}
