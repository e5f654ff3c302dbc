import * as fs from 'node:fs';

// TEST-ONLY. Crash tests set PARALLEL_CC_TEST_CRASH_AT to one of these points to make a process
// die by SIGKILL there, leaving on disk exactly what a real crash at that step would leave. When
// the variable is unset each check is one comparison.

/** Test-only: the environment variable that names a {@link CrashPoint}. Never set it outside tests. */
export const CRASH_AT_ENV = 'PARALLEL_CC_TEST_CRASH_AT';

/** Test-only: the steps of `register` and of Claude Code's WorktreeCreate at which a test can make the process die. */
export type CrashPoint =
  | 'register:before-row'
  | 'register:after-row'
  | 'register:worktree-add'
  | 'register:before-answer'
  | 'claude-worktree:after-row'
  | 'claude-worktree:worktree-add'
  | 'claude-worktree:before-answer';

/** Test-only: SIGKILLs this process when PARALLEL_CC_TEST_CRASH_AT names `point`; does nothing otherwise. */
export function crashPoint(point: CrashPoint): void {
  if (process.env[CRASH_AT_ENV] === point) process.kill(process.pid, 'SIGKILL');
}

/**
 * Test-only: when PARALLEL_CC_TEST_CRASH_AT names `point`, SIGKILLs this process once `folder`
 * exists (the child at work has begun making it) or `work` has ended; does nothing otherwise.
 */
export async function crashWhileMaking(point: CrashPoint, folder: string, work: Promise<unknown>): Promise<void> {
  if (process.env[CRASH_AT_ENV] !== point) return;
  let ended = false;
  void work.then(
    () => (ended = true),
    () => (ended = true),
  );
  while (!ended && !fs.existsSync(folder)) await new Promise((resolve) => setTimeout(resolve, 1));
  process.kill(process.pid, 'SIGKILL');
}
