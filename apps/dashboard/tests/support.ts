// Helpers shared by this app's tests (not a test file itself: jest only runs *.test.ts).
import { conflictEngineMigrations } from '@parallel-cc/conflict-engine';
import { openCoordinator, registerSession } from '@parallel-cc/core-sessions';
import type { Coordinator, Registration } from '@parallel-cc/core-sessions';
import { e2bRunnerMigrations } from '@parallel-cc/e2b-runner';
import { mergeDetectorMigrations } from '@parallel-cc/merge-detector';
import { makeTempHome, startTrackedProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';

/** A fresh temp home and its coordinator, opened with every lib's tables. */
export async function freshHome(): Promise<{ home: TempHome; coordinator: Coordinator }> {
  const home = makeTempHome();
  const coordinator = await openCoordinator({ env: home.env, migrations: [mergeDetectorMigrations, conflictEngineMigrations, e2bRunnerMigrations] });
  return { home, coordinator };
}

/** Registers a session of a new live process in `repo`: the main checkout first, worktrees after. */
export async function registerLive(coordinator: Coordinator, repo: string, home: TempHome): Promise<Registration & { process: LiveProcess }> {
  const process = startTrackedProcess();
  return { ...(await registerSession(coordinator, { repo, pid: process.pid, env: home.env })), process };
}
