// Helpers shared by this lib's tests (not a test file itself: jest only runs *.test.ts).
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { openCoordinator, registerSession } from '@parallel-cc/core-sessions';
import type { Coordinator, CoreSessionsTables, Registration, SessionsTable } from '@parallel-cc/core-sessions';
import { gitIdentityEnv, makeTempHome, removeTempDirs, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { mergeDetectorMigrations } from '../src';
import type { MergeCoordinator } from '../src';
import type { MergeDetectorTables } from '../src/db/schema';

/** A temp home (test-utils strips the machine's PARALLEL_CC_* settings and real gtr from its PATH). */
export const cleanHome = makeTempHome;

/** A fresh database with merge-detector's tables, in a fresh temp home. */
export async function openFresh(): Promise<{ home: TempHome; coordinator: MergeCoordinator }> {
  const home = cleanHome();
  const coordinator = await openCoordinator<CoreSessionsTables & MergeDetectorTables>({ env: home.env, migrations: [mergeDetectorMigrations] });
  return { home, coordinator };
}

/** A live process, ended by {@link stopLiveProcesses}. */
export const liveProcess = startTrackedProcess;

/** Ends every process {@link liveProcess} started. */
export const stopLiveProcesses = stopTrackedProcesses;

/** Registers a session of a new live process in `repo`: the main checkout first, worktrees after. */
export async function registerLive(coordinator: MergeCoordinator, repo: string, home: TempHome): Promise<Registration & { process: LiveProcess }> {
  const process = liveProcess();
  const registration = await registerSession(core(coordinator), { repo, pid: process.pid, env: home.env });
  return { ...registration, process };
}

/** The coordinator as core-sessions' functions type it (it has their tables, and more). */
export function core(coordinator: MergeCoordinator): Coordinator {
  return coordinator as unknown as Coordinator;
}

/** The branch of a worktree session (a session without one is a test error). */
export function branchOf(session: { branch: string | null }): string {
  if (session.branch === null) throw new Error('this session has no branch');
  return session.branch;
}

/** Runs git with `input` on stdin (fast-import, update-ref --stdin). */
export function gitWithInput(dir: string, args: string[], input: string): void {
  execFileSync('git', args, { cwd: dir, input, env: { ...process.env, ...gitIdentityEnv() }, stdio: ['pipe', 'ignore', 'pipe'] });
}

/** Inserts a subscription row directly (as an older version or another process might have). */
export async function insertSubscription(coordinator: MergeCoordinator, row: { sessionId: string; repoPath: string; branch: string; target: string }): Promise<void> {
  await coordinator.db
    .insertInto('subscriptions')
    .values({
      id: randomUUID(),
      session_id: row.sessionId,
      repo_path: row.repoPath,
      branch_name: row.branch,
      target_branch: row.target,
      created_at: new Date().toISOString(),
      notified_at: null,
      active: 1,
    })
    .execute();
}

/** Every row of `table`. */
export function rows<T = Record<string, unknown>>(coordinator: MergeCoordinator, table: 'merge_events' | 'subscriptions' | 'notifications' | 'sessions'): T[] {
  return coordinator.raw.prepare(`select * from ${table} order by rowid`).all() as T[];
}

/** The session row with `id`; a missing row is a test error. */
export function sessionRow(coordinator: MergeCoordinator, id: string): SessionsTable {
  const row = coordinator.raw.prepare('select * from sessions where id = ?').get(id) as SessionsTable | undefined;
  if (!row) throw new Error(`no session row ${id}`);
  return row;
}

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string; data?: Record<string, unknown> }> {
  const outcome = await promise.then(
    (value: unknown) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.resolved)}`);
  return outcome.error as Error & { code?: string };
}

/**
 * Gives each test of the file a fresh home and coordinator (handed over through `receive`),
 * closes it and ends the test's live processes afterwards, and removes the temp folders at the end.
 */
export function useFreshCoordinator(receive: (fresh: { home: TempHome; coordinator: MergeCoordinator }) => void): void {
  let current: MergeCoordinator | undefined;
  beforeEach(async () => {
    const fresh = await openFresh();
    current = fresh.coordinator;
    receive(fresh);
  });
  afterEach(async () => {
    await current?.close();
    await stopLiveProcesses();
  });
  afterAll(() => removeTempDirs());
}
