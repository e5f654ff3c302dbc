import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { listKeptLeftovers, openCoordinator, registerSession, releaseSession, sessionStatus, tidyRepositories } from '../src';
import type { Coordinator } from '../src';
import { branchOf, cleanHome, hasBranch, liveProcess, stopLiveProcesses } from './support';

let home: TempHome;
let coordinator: Coordinator;
let repo: string;

beforeEach(async () => {
  home = cleanHome();
  coordinator = await openCoordinator({ env: home.env });
  repo = makeRepo({ 'README.md': '# test\n' });
  await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
});

afterEach(async () => {
  await coordinator.close();
  await stopLiveProcesses();
});

afterAll(() => removeTempDirs());

const tidy = () => tidyRepositories(coordinator, { env: home.env });

/** A worktree session that committed work (`committed`) or left an untracked file (`untracked`), then died. */
async function deadSession(left: 'committed' | 'untracked') {
  const process = liveProcess();
  const session = await registerSession(coordinator, { repo, pid: process.pid, env: home.env });
  if (left === 'committed') commitFiles(session.worktreePath, { 'work.txt': 'work\n' }, 'work');
  else fs.writeFileSync(path.join(session.worktreePath, 'draft.txt'), 'draft\n');
  await process.kill();
  return { ...session, branch: branchOf(session) };
}

describe('tidyRepositories', () => {
  it('names a branch kept for its commits once, on its session, and counts it as kept earlier afterwards', async () => {
    const done = await deadSession('committed');
    const first = await tidy();
    expect(first.results).toEqual([expect.objectContaining({ sessionId: done.sessionId, status: 'done', branchOutcome: 'kept' })]);
    // The branch is a leftover now, but its session's result already named it.
    expect(first.leftovers).toEqual([]);
    expect(first.keptEarlier).toEqual({ sessions: [], leftovers: [] });
    expect(await listKeptLeftovers(coordinator.db)).toEqual([
      { repoPath: repo, kind: 'branch', path: null, branch: done.branch, reasons: ['1 commit not in main'], keptAt: expect.any(String) },
    ]);

    const second = await tidy();
    expect(second.results).toEqual([]);
    expect(second.leftovers).toEqual([]);
    expect(second.keptEarlier.leftovers).toEqual([expect.objectContaining({ kind: 'branch', branch: done.branch, status: 'kept' })]);
    expect(hasBranch(repo, done.branch)).toBe(true);
  });

  it('reports a worktree kept for its changes once; later runs find it kept earlier, until it can go', async () => {
    const dirty = await deadSession('untracked');
    const first = await tidy();
    expect(first.results).toEqual([expect.objectContaining({ sessionId: dirty.sessionId, status: 'kept' })]);

    const second = await tidy();
    expect(second.results).toEqual([]);
    expect(second.keptEarlier.sessions).toEqual([expect.objectContaining({ sessionId: dirty.sessionId, status: 'kept' })]);

    fs.rmSync(path.join(dirty.worktreePath, 'draft.txt'));
    const third = await tidy();
    expect(third.results).toEqual([expect.objectContaining({ sessionId: dirty.sessionId, status: 'done', branchOutcome: 'deleted' })]);
    expect(third.keptEarlier).toEqual({ sessions: [], leftovers: [] });
  });

  it('remembers a branch that a release kept, and forgets it once it is merged and deleted', async () => {
    const process = liveProcess();
    const session = await registerSession(coordinator, { repo, pid: process.pid, env: home.env });
    commitFiles(session.worktreePath, { 'work.txt': 'work\n' }, 'work');
    await releaseSession(coordinator, { sessionId: session.sessionId }, { env: home.env });
    const branch = branchOf(session);

    expect((await tidy()).keptEarlier.leftovers.map((l) => l.branch)).toEqual([branch]);
    expect((await sessionStatus(coordinator)).keptLeftovers.map((k) => k.branch)).toEqual([branch]);

    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge it', branch);
    const merged = await tidy();
    expect(merged.leftovers).toEqual([expect.objectContaining({ kind: 'branch', branch, status: 'done' })]);
    expect(await listKeptLeftovers(coordinator.db)).toEqual([]);
    expect(hasBranch(repo, branch)).toBe(false);
  });

  it('still looks into a repository whose only remaining trace is a kept branch', async () => {
    const other = makeRepo();
    const process = liveProcess();
    await registerSession(coordinator, { repo: other, pid: process.pid, env: home.env });
    const session = await registerSession(coordinator, { repo: other, pid: liveProcess().pid, env: home.env });
    commitFiles(session.worktreePath, { 'work.txt': 'work\n' }, 'work');
    await releaseSession(coordinator, { sessionId: session.sessionId }, { env: home.env });
    await process.kill();
    await tidy();
    // No session of `other` is left; its kept branch still brings it into the next cleanup.
    git(other, 'merge', '-q', '--no-ff', '-m', 'merge it', branchOf(session));
    expect((await tidy()).leftovers).toEqual([expect.objectContaining({ repoPath: other, branch: branchOf(session), status: 'done' })]);
    expect(await listKeptLeftovers(coordinator.db, other)).toEqual([]);
  });
});
