import { takeNotifications } from '@parallel-cc/core-sessions';
import { commitFiles, git, makeRepo } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { checkMergeStatus, listMergeEvents, pollRepository, repositoriesToWatch, subscribe } from '../src';
import type { MergeCoordinator } from '../src';
import { branchOf, registerLive, rows, useFreshCoordinator } from './support';

let home: TempHome;
let coordinator: MergeCoordinator;

useFreshCoordinator((fresh) => ({ home, coordinator } = fresh));

/** A repository with a session in the main checkout and two in worktrees; `work` has two commits and main moved on. */
async function scene() {
  const repo = makeRepo({ 'a.txt': 'a\n' });
  const main = await registerLive(coordinator, repo, home);
  const work = await registerLive(coordinator, repo, home);
  const idle = await registerLive(coordinator, repo, home);
  const branch = branchOf(work);
  const commits = [commitFiles(work.worktreePath, { 'b.txt': 'b\n' }, 'add b'), commitFiles(work.worktreePath, { 'c.txt': 'c\n' }, 'add c')];
  return { repo, main, work, idle, branch, commits };
}

const texts = async (sessionId: string) => (await takeNotifications(coordinator, sessionId)).map((n) => [n.kind, n.text]);

describe('pollRepository finds merges', () => {
  test("a merge commit: recorded once, with the tip and the target commit, the branch's session and the other sessions told, not the one on main", async () => {
    const { repo, main, work, idle, branch, commits } = await scene();
    commitFiles(repo, { 'm.txt': 'main moves\n' }, 'main work');
    expect((await pollRepository(coordinator, { repo, env: home.env })).events).toEqual([]);

    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge it', branch);
    const result = await pollRepository(coordinator, { repo: work.worktreePath, env: home.env });

    expect(result).toMatchObject({ repoPath: repo, checked: 2, notified: 2, warnings: [] });
    expect(result.events).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        repoPath: repo,
        branch,
        sourceCommit: commits[1],
        targetBranch: 'main',
        targetCommit: git(repo, 'rev-parse', 'main'),
        how: 'ancestor',
        detectedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        mergedAt: null,
      },
    ]);
    const moved = `main moved: ${branch} was merged. Rebase onto main when convenient (rebase_assist); check_conflicts shows what would conflict.`;
    expect(await texts(work.sessionId)).toEqual([['merge', `Your branch ${branch} was merged into main (ancestor).`]]);
    expect(await texts(idle.sessionId)).toEqual([['base-moved', moved]]);
    // The main checkout works on main itself: there is nothing for it to rebase onto.
    expect(await texts(main.sessionId)).toEqual([]);
  });

  test('a fast-forward', async () => {
    const { repo, branch, commits } = await scene();
    git(repo, 'merge', '-q', '--ff-only', branch);
    const { events } = await pollRepository(coordinator, { repo, env: home.env });
    expect(events.map((e) => [e.branch, e.how, e.sourceCommit, e.targetCommit])).toEqual([[branch, 'ancestor', commits[1], commits[1]]]);
  });

  test("a squash merge: the branch's session is told its branch was merged, once even when it also subscribed", async () => {
    const { repo, main, work, idle, branch } = await scene();
    await subscribe(coordinator, { sessionId: work.sessionId, branch });
    commitFiles(repo, { 'm.txt': 'main moves\n' }, 'main work');
    git(repo, 'merge', '-q', '--squash', branch);
    git(repo, 'commit', '-q', '-m', 'squashed');
    const { events, notified } = await pollRepository(coordinator, { repo, env: home.env });
    expect(events.map((e) => [e.branch, e.how])).toEqual([[branch, 'squash']]);
    expect(notified).toBe(2);
    expect(await texts(work.sessionId)).toEqual([['merge', `Your branch ${branch} was merged into main (squash).`]]);
    expect(await texts(idle.sessionId)).toEqual([['base-moved', expect.stringContaining('Rebase onto main')]]);
    expect(await texts(main.sessionId)).toEqual([]);
  });

  test('a rebase merge: each commit copied onto a base that moved', async () => {
    const { repo, branch, commits } = await scene();
    commitFiles(repo, { 'm.txt': 'main moves\n' }, 'main work');
    git(repo, 'cherry-pick', commits[0] ?? '', commits[1] ?? '');
    const { events } = await pollRepository(coordinator, { repo, env: home.env });
    expect(events.map((e) => [e.branch, e.how, e.sourceCommit])).toEqual([[branch, 'rebase', commits[1]]]);
  });

  test('a branch with no commits of its own is not merged, though its tip is in main', async () => {
    const repo = makeRepo();
    await registerLive(coordinator, repo, home);
    const empty = await registerLive(coordinator, repo, home);
    commitFiles(repo, { 'm.txt': 'main moves\n' }, 'main work');
    const result = await pollRepository(coordinator, { repo, env: home.env });
    expect(result).toMatchObject({ checked: 1, events: [], notified: 0 });
    expect(await checkMergeStatus(coordinator, { repo, branch: branchOf(empty) })).toEqual({ merged: false, how: null, targetBranch: 'main' });
  });

  test('a branch with no commits of its own that caught up with main is not merged, and nobody is told', async () => {
    const repo = makeRepo();
    const main = await registerLive(coordinator, repo, home);
    const empty = await registerLive(coordinator, repo, home);
    commitFiles(repo, { 'm.txt': 'main moves\n' }, 'main work');
    git(empty.worktreePath, 'merge', '-q', '--ff-only', 'main');
    expect(git(repo, 'rev-parse', branchOf(empty))).toBe(git(repo, 'rev-parse', 'main'));

    expect((await pollRepository(coordinator, { repo, env: home.env })).events).toEqual([]);
    expect(await checkMergeStatus(coordinator, { repo, branch: branchOf(empty) })).toEqual({ merged: false, how: null, targetBranch: 'main' });
    expect(await texts(main.sessionId)).toEqual([]);
    expect(await texts(empty.sessionId)).toEqual([]);
  });

  test('a branch merged and then given new commits is not merged at its new tip, until merged again', async () => {
    const { repo, branch, work } = await scene();
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge it', branch);
    const first = await pollRepository(coordinator, { repo, env: home.env });
    expect(first.events).toHaveLength(1);

    const newTip = commitFiles(work.worktreePath, { 'd.txt': 'd\n' }, 'more work');
    expect((await pollRepository(coordinator, { repo, env: home.env })).events).toEqual([]);
    expect(await checkMergeStatus(coordinator, { repo, branch })).toEqual({ merged: false, how: null, targetBranch: 'main' });

    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge again', branch);
    const again = await pollRepository(coordinator, { repo, env: home.env });
    expect(again.events.map((e) => e.sourceCommit)).toEqual([newTip]);
    expect((await listMergeEvents(coordinator, { repo, branch })).map((e) => e.sourceCommit)).toEqual([newTip, first.events[0]?.sourceCommit]);
  });

  test('polling again records nothing new and notifies nobody again', async () => {
    const { repo, idle, branch } = await scene();
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge it', branch);
    expect((await pollRepository(coordinator, { repo, env: home.env })).notified).toBe(2);
    const second = await pollRepository(coordinator, { repo, env: home.env });
    expect(second).toMatchObject({ checked: 2, events: [], notified: 0 });
    expect(rows(coordinator, 'merge_events')).toHaveLength(1);
    expect(await texts(idle.sessionId)).toHaveLength(1);
  });

  test('two connections polling the same merge at once record and announce it once', async () => {
    const { repo, idle, branch } = await scene();
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge it', branch);
    const { coordinator: second } = await openFreshOn(home);
    try {
      const results = await Promise.all([pollRepository(coordinator, { repo, env: home.env }), pollRepository(second, { repo, env: home.env })]);
      expect(results.map((r) => r.events.length).sort()).toEqual([0, 1]);
      expect(rows(coordinator, 'merge_events')).toHaveLength(1);
      expect(await texts(idle.sessionId)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  test('a kept session\'s branch is still watched; a dead one that holds nothing is not', async () => {
    const { repo, work, idle, branch } = await scene();
    coordinator.raw.prepare("update sessions set status = 'kept', kept_reason = 'uncommitted changes' where id = ?").run(work.sessionId);
    await work.process.kill();
    await idle.process.kill();
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge it', branch);
    const result = await pollRepository(coordinator, { repo, env: home.env });
    expect(result.events.map((e) => e.branch)).toEqual([branch]);
    // Only the kept session's branch: the dead idle session's is left to cleanup.
    expect(result.checked).toBe(1);
  });

  test('a repository with nothing to watch runs no check', async () => {
    const repo = makeRepo();
    expect(await pollRepository(coordinator, { repo, env: home.env })).toEqual({ repoPath: repo, checked: 0, events: [], notified: 0, warnings: [] });
  });
});

describe('repositoriesToWatch', () => {
  test('lists the repositories it would poll: those with live sessions or waiting subscriptions', async () => {
    const { repo, idle } = await scene();
    await idle.process.kill();
    makeRepo();
    expect(await repositoriesToWatch(coordinator)).toEqual([repo]);
  });
});

async function openFreshOn(existing: TempHome): Promise<{ coordinator: MergeCoordinator }> {
  const { openMergeCoordinator } = await import('../src');
  return { coordinator: await openMergeCoordinator(existing.env) };
}
