import * as fs from 'node:fs';
import { releaseSession } from '@parallel-cc/core-sessions';
import { commitFiles, git, makeRepo } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { checkMergeStatus, listMergeEvents, pollAll, pollRepository } from '../src';
import type { MergeCoordinator } from '../src';
import { branchOf, insertSubscription, registerLive, rows, useFreshCoordinator } from './support';

let home: TempHome;
let coordinator: MergeCoordinator;

useFreshCoordinator((fresh) => ({ home, coordinator } = fresh));

/** A repository with a main-checkout session and a worktree session whose branch has one commit. */
async function oneBranch() {
  const repo = makeRepo({ 'a.txt': 'a\n' });
  await registerLive(coordinator, repo, home);
  const work = await registerLive(coordinator, repo, home);
  const tip = commitFiles(work.worktreePath, { 'b.txt': 'b\n' }, 'b');
  return { repo, work, branch: branchOf(work), tip };
}

describe('checkMergeStatus', () => {
  test('answers live without recording, then from the recorded event', async () => {
    const { repo, work, branch, tip } = await oneBranch();
    expect(await checkMergeStatus(coordinator, { repo, branch })).toEqual({ merged: false, how: null, targetBranch: 'main' });

    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge', branch);
    expect(await checkMergeStatus(coordinator, { repo, branch, target: 'main' })).toEqual({ merged: true, how: 'ancestor', targetBranch: 'main' });
    expect(rows(coordinator, 'merge_events')).toEqual([]);

    const [event] = (await pollRepository(coordinator, { repo, env: home.env })).events;
    expect(await checkMergeStatus(coordinator, { repo, branch })).toEqual({ merged: true, how: 'ancestor', targetBranch: 'main', event });
    expect(event?.sourceCommit).toBe(tip);

    // Releasing the session deletes the integrated branch; its last recorded merge still answers.
    await releaseSession(coordinator, { sessionId: work.sessionId }, { env: home.env });
    expect(git(repo, 'branch', '--list', branch)).toBe('');
    expect(await checkMergeStatus(coordinator, { repo, branch })).toMatchObject({ merged: true, event });
  });

  test('a branch that does not exist and was never recorded, or an unknown target, is NOT_FOUND', async () => {
    const { repo, branch } = await oneBranch();
    await expect(checkMergeStatus(coordinator, { repo, branch: 'no-such-branch' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `The branch no-such-branch does not exist in ${repo}, and no merge of it into main was recorded.`,
    });
    await expect(checkMergeStatus(coordinator, { repo, branch, target: 'no-such-target' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `The target no-such-target does not exist in ${repo}.`,
    });
    await expect(checkMergeStatus(coordinator, { repo, branch: '--all' })).rejects.toMatchObject({ code: 'INVALID_REF' });
  });
});

describe('listMergeEvents', () => {
  test('newest first, by repository and branch, up to a limit', async () => {
    const { repo, work, branch } = await oneBranch();
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge 1', branch);
    await pollRepository(coordinator, { repo, env: home.env });
    commitFiles(work.worktreePath, { 'c.txt': 'c\n' }, 'c');
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge 2', branch);
    await pollRepository(coordinator, { repo, env: home.env });

    const all = await listMergeEvents(coordinator);
    expect(all.map((e) => e.sourceCommit)).toEqual([git(repo, 'rev-parse', branch), git(repo, 'rev-parse', `${branch}~1`)]);
    expect(await listMergeEvents(coordinator, { repo: work.worktreePath, limit: 1 })).toEqual(all.slice(0, 1));
    expect(await listMergeEvents(coordinator, { branch: 'other' })).toEqual([]);
    expect(await listMergeEvents(coordinator, { repo: `${repo}-gone` })).toEqual([]);
    await expect(listMergeEvents(coordinator, { limit: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'The limit 0 is not valid: it must be 1 or more.' });
  });
});

describe('pollAll', () => {
  test('polls every repository with live sessions or waiting subscriptions; a broken one is reported, not thrown', async () => {
    const first = await oneBranch();
    const second = await oneBranch();
    const quiet = makeRepo();
    const gone = makeRepo();
    const holder = await registerLive(coordinator, gone, home);
    await insertSubscription(coordinator, { sessionId: holder.sessionId, repoPath: gone, branch: 'x', target: 'main' });
    fs.rmSync(gone, { recursive: true, force: true });
    git(first.repo, 'merge', '-q', '--no-ff', '-m', 'merge', first.branch);

    const results = await pollAll(coordinator, { env: home.env });

    const byRepo = new Map(results.map((r) => [r.repoPath, r]));
    expect([...byRepo.keys()].sort()).toEqual([first.repo, second.repo, gone].sort());
    expect(byRepo.has(quiet)).toBe(false);
    expect(byRepo.get(first.repo)?.events.map((e) => e.branch)).toEqual([first.branch]);
    expect(byRepo.get(second.repo)).toMatchObject({ checked: 1, events: [] });
    expect(byRepo.get(gone)).toEqual({ repoPath: gone, checked: 0, events: [], notified: 0, warnings: [], error: `The folder ${gone} does not exist.` });
  });

  test('a target that does not exist is a warning; the other targets are still checked', async () => {
    const { repo, work, branch } = await oneBranch();
    await insertSubscription(coordinator, { sessionId: work.sessionId, repoPath: repo, branch, target: 'release' });
    await insertSubscription(coordinator, { sessionId: work.sessionId, repoPath: repo, branch: 'bad..name', target: 'main' });
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge', branch);
    const [result] = await pollAll(coordinator, { env: home.env });
    expect(result?.warnings).toEqual([
      'Skipped "bad..name" -> "main": it contains "..".',
      `The target release does not exist in ${repo}; its 1 branch was not checked.`,
    ]);
    expect(result?.events.map((e) => e.targetBranch)).toEqual(['main']);
  });
});
