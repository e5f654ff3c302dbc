// Helpers shared by this lib's tests (not a test file itself: jest only runs *.test.ts).
import { execFileSync } from 'node:child_process';
import { gitIdentityEnv, makeTempHome, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { coreSessionsMigrations, openCoordinator, SessionError } from '../src';
import type { Coordinator, OpenOptions, SessionsTable } from '../src';

/** A temp home (test-utils strips the machine's PARALLEL_CC_* settings and real gtr from its PATH). */
export const cleanHome = makeTempHome;

/** A coordinator on a fresh database in a fresh temp home. */
export async function openFresh(options: Omit<OpenOptions, 'env'> = {}): Promise<{ home: TempHome; coordinator: Coordinator }> {
  const home = cleanHome();
  const coordinator = await openCoordinator({ ...options, env: home.env });
  return { home, coordinator };
}

/** A live process, ended by {@link stopLiveProcesses}. */
export const liveProcess = startTrackedProcess;

/** Ends every process {@link liveProcess} started. */
export const stopLiveProcesses = stopTrackedProcesses;

/** Every session row, oldest first. */
export function sessionRows(coordinator: Coordinator): SessionsTable[] {
  return coordinator.raw.prepare('select * from sessions order by created_at, rowid').all() as SessionsTable[];
}

/** The branch of a worktree session (a session without a branch is a test error). */
export function branchOf(session: { branch: string | null }): string {
  if (session.branch === null) throw new Error('this session has no branch');
  return session.branch;
}

/** The session row with `id`; a missing row is a test error. */
export function requireRow(coordinator: Coordinator, id: string): SessionsTable {
  const row = sessionRow(coordinator, id);
  if (!row) throw new Error(`no session row ${id}`);
  return row;
}

/** The session row with `id`, or undefined. */
export function sessionRow(coordinator: Coordinator, id: string): SessionsTable | undefined {
  return coordinator.raw.prepare('select * from sessions where id = ?').get(id) as SessionsTable | undefined;
}

/** Runs git and returns its stdout untouched. */
export function gitRaw(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    env: { ...process.env, ...gitIdentityEnv() },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Whether `git show-ref` finds the local branch `branch` (a session without a branch is a test error). */
export function hasBranch(repo: string, branch: string | null): boolean {
  if (branch === null) throw new Error('this session has no branch');
  try {
    execFileSync('git', ['show-ref', '--verify', '--quiet', `refs/heads/${branch}`], { cwd: repo, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The local branches `git show-ref --heads` lists, without `refs/heads/`. */
export function localBranches(repo: string): string[] {
  return gitRaw(repo, 'show-ref', '--heads')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ')[1]?.replace(/^refs\/heads\//, '') ?? '');
}

/** The worktree paths `git worktree list --porcelain` shows, the main checkout first. */
export function listedWorktrees(repo: string): string[] {
  return gitRaw(repo, 'worktree', 'list', '--porcelain', '-z')
    .split('\0')
    .filter((line) => line.startsWith('worktree '))
    .map((line) => line.slice('worktree '.length));
}

/** Resolves once `check` holds, polling; fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string; data?: Record<string, unknown> }> {
  const outcome = await promise.then(
    (value: unknown) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.resolved)}`);
  // Errors from Node's own modules come from another realm, so check the shape, not the class.
  expect(typeof (outcome.error as Error | undefined)?.message).toBe('string');
  return outcome.error as Error & { code?: string };
}

/** The {@link SessionError} `promise` rejects with. */
export async function sessionErrorOf(promise: Promise<unknown>): Promise<SessionError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(SessionError);
  return error as SessionError;
}

/** The names of core-sessions' migrations, in the order they run. */
export const CORE_MIGRATIONS = Object.keys(coreSessionsMigrations.migrations);
