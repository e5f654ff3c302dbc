// Helpers shared by this lib's tests (not a test file itself: jest only runs *.test.ts).
import { openCoordinator, registerSession } from '@parallel-cc/core-sessions';
import type { Coordinator, Registration } from '@parallel-cc/core-sessions';
import { makeTempHome, removeTempDirs, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';

/** A temp home (test-utils strips the machine's PARALLEL_CC_* settings and real gtr from its PATH). */
export const cleanHome = makeTempHome;

/** Registers a session of a new live process in `repo`: the main checkout first, worktrees after. */
export async function registerLive(coordinator: Coordinator, repo: string, home: TempHome): Promise<Registration & { process: LiveProcess }> {
  const process = startTrackedProcess();
  return { ...(await registerSession(coordinator, { repo, pid: process.pid, env: home.env })), process };
}

/** The branch of a worktree session (a session without one is a test error). */
export function branchOf(session: { branch: string | null }): string {
  if (session.branch === null) throw new Error('this session has no branch');
  return session.branch;
}

/** The ids of the session rows, read directly. */
export function sessionIds(coordinator: Coordinator): string[] {
  return (coordinator.raw.prepare('select id from sessions order by rowid').all() as Array<{ id: string }>).map((r) => r.id);
}

/** Resolves once `check` holds, polling; fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Gives each test of the file a fresh home and coordinator (handed over through `receive`),
 * closes it and ends the test's live processes afterwards, and removes the temp folders at the end.
 */
export function useFreshCoordinator(receive: (fresh: { home: TempHome; coordinator: Coordinator }) => void): void {
  let current: Coordinator | undefined;
  beforeEach(async () => {
    const home = cleanHome();
    current = await openCoordinator({ env: home.env });
    receive({ home, coordinator: current });
  });
  afterEach(async () => {
    await current?.close();
    await stopTrackedProcesses();
  });
  afterAll(() => removeTempDirs());
}
