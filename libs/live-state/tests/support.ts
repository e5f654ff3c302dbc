// Helpers shared by this lib's tests (not a test file itself: jest only runs *.test.ts).
import { openCoordinator, registerSession } from '@parallel-cc/core-sessions';
import type { Coordinator, Registration } from '@parallel-cc/core-sessions';
import { allMigrationSets } from '@parallel-cc/mcp-tools/migrations';
import { makeTempHome, startTrackedProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';

/** A fresh temp home and its coordinator, opened with every lib's tables. */
export async function freshHome(): Promise<{ home: TempHome; coordinator: Coordinator }> {
  const home = makeTempHome();
  const coordinator = await openCoordinator({ env: home.env, migrations: allMigrationSets() });
  return { home, coordinator };
}

/** Registers a session of a new live process in `repo`: the main checkout first, worktrees after. */
export async function registerLive(coordinator: Coordinator, repo: string, home: TempHome): Promise<Registration & { process: LiveProcess }> {
  const process = startTrackedProcess();
  return { ...(await registerSession(coordinator, { repo, pid: process.pid, env: home.env })), process };
}

/** Resolves once `check` holds, polling; fails after `timeoutMs` naming `what`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
