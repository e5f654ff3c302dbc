import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { cleanupSessions, openCoordinator, planCleanup, registerSession, sessionStatus } from '../src';
import type { Coordinator, Registration } from '../src';
import { cleanHome, hasBranch, listedWorktrees, liveProcess, sessionRows, stopLiveProcesses } from './support';

let home: TempHome;
let coordinator: Coordinator;
let repo: string;

beforeEach(async () => {
  home = cleanHome();
  coordinator = await openCoordinator({ env: home.env });
  repo = makeRepo({ 'README.md': '# test\n' });
});

afterEach(async () => {
  await coordinator.close();
  await stopLiveProcesses();
});

afterAll(() => removeTempDirs());

/** A main-checkout session and a worktree session, both of processes that then die. */
async function deadPair(): Promise<{ main: Registration; work: Registration }> {
  const a = liveProcess();
  const b = liveProcess();
  const main = await registerSession(coordinator, { repo, pid: a.pid, env: home.env });
  const work = await registerSession(coordinator, { repo, pid: b.pid, env: home.env });
  await a.kill();
  await b.kill();
  return { main, work };
}

const problems = async () => Object.fromEntries((await sessionStatus(coordinator)).sessions.map((s) => [s.sessionId, s.problem]));

describe('status and cleanup when a session\u2019s place was damaged by hand', () => {
  it('report nothing wrong with intact places', async () => {
    const { main, work } = await deadPair();
    expect(await problems()).toEqual({ [main.sessionId]: null, [work.sessionId]: null });
  });

  it('a repository deleted with its worktrees: status says repository-gone; cleanup removes the rows, nothing being left to lose', async () => {
    const { main, work } = await deadPair();
    fs.rmSync(path.dirname(repo), { recursive: true, force: true });
    expect(await problems()).toEqual({ [main.sessionId]: 'repository-gone', [work.sessionId]: 'repository-gone' });
    expect((await planCleanup(coordinator)).map((p) => p.status)).toEqual(['would-release', 'would-release']);

    const results = await cleanupSessions(coordinator, { env: home.env });
    expect(results.map((r) => r.status)).toEqual(['done', 'done']);
    expect(results.find((r) => r.sessionId === work.sessionId)?.reasons).toEqual(['its repository no longer exists']);
    expect(sessionRows(coordinator)).toEqual([]);
  });

  it('a repository moved away from its worktrees: the worktree is kept (it may hold work), with the reason', async () => {
    const { work } = await deadPair();
    fs.renameSync(repo, `${repo}-moved`);
    const [main, kept] = await cleanupSessions(coordinator, { env: home.env });
    expect(main?.status).toBe('done');
    expect(kept).toMatchObject({ sessionId: work.sessionId, status: 'kept', reasons: [`its repository ${repo} no longer exists`] });
    expect(fs.existsSync(work.worktreePath)).toBe(true);
    expect((await sessionStatus(coordinator)).sessions).toEqual([
      expect.objectContaining({ sessionId: work.sessionId, state: 'kept', problem: 'repository-gone' }),
    ]);
  });

  it('a worktree folder deleted by hand and pruned by the user: worktree-missing; cleanup removes the row and the empty branch', async () => {
    const { work } = await deadPair();
    fs.rmSync(work.worktreePath, { recursive: true, force: true });
    git(repo, 'worktree', 'prune');
    expect((await problems())[work.sessionId]).toBe('worktree-missing');
    const results = await cleanupSessions(coordinator, { env: home.env });
    expect(results.find((r) => r.sessionId === work.sessionId)).toMatchObject({ status: 'done', worktree: 'missing', branchOutcome: 'deleted' });
    expect(hasBranch(repo, work.branch)).toBe(false);
    expect(sessionRows(coordinator)).toEqual([]);
  });

  it('a session branch deleted by hand: branch-missing; cleanup removes the clean worktree and leaves the user\u2019s branch', async () => {
    const { work } = await deadPair();
    git(work.worktreePath, 'switch', '-q', '-c', 'users-own');
    git(repo, 'branch', '-D', work.branch ?? '');
    expect((await problems())[work.sessionId]).toBe('branch-missing');
    const results = await cleanupSessions(coordinator, { env: home.env });
    expect(results.find((r) => r.sessionId === work.sessionId)).toMatchObject({ status: 'done', worktree: 'removed', branchOutcome: 'none' });
    expect(hasBranch(repo, 'users-own')).toBe(true);
    expect(listedWorktrees(repo)).toEqual([repo]);
  });

  it('a worktree git no longer knows (its admin folder deleted): worktree-unlinked, and kept, since git cannot tell what it holds', async () => {
    const { work } = await deadPair();
    fs.rmSync(path.join(repo, '.git', 'worktrees'), { recursive: true, force: true });
    expect((await problems())[work.sessionId]).toBe('worktree-unlinked');
    const results = await cleanupSessions(coordinator, { env: home.env });
    expect(results.find((r) => r.sessionId === work.sessionId)).toMatchObject({
      status: 'failed',
      worktree: 'kept',
      reasons: [expect.stringContaining('git status failed')],
    });
    expect(fs.existsSync(path.join(work.worktreePath, 'README.md'))).toBe(true);
  });
});
