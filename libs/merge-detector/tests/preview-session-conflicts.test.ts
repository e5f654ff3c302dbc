import { commitFiles, git, makeRepo } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { previewSessionConflicts } from '../src';
import type { MergeCoordinator } from '../src';
import type { SessionPairCheck } from '../src/preview/preview-session-conflicts';
import { branchOf, registerLive, rejectionOf, useFreshCoordinator } from './support';

let home: TempHome;
let coordinator: MergeCoordinator;

useFreshCoordinator((fresh) => ({ home, coordinator } = fresh));

const LINES = '1\n2\n3\n4\n5\n6\n7\n';

const summary = (checks: SessionPairCheck[]) =>
  checks.map((c) => [c.ours, c.theirs, c.against, c.status, c.oursSessionId, c.theirsSessionId, c.conflicts.map((x) => x.path)]);

/** Three live sessions (the main checkout and two worktrees) and a dead one; the two worktrees and the dead one change the same line. */
async function scene() {
  const repo = makeRepo({ 'shared.txt': LINES, 'other.txt': 'other\n' });
  const main = await registerLive(coordinator, repo, home);
  const one = await registerLive(coordinator, repo, home);
  const two = await registerLive(coordinator, repo, home);
  const dead = await registerLive(coordinator, repo, home);
  commitFiles(repo, { 'other.txt': 'main moves on\n' }, 'main work');
  commitFiles(one.worktreePath, { 'shared.txt': LINES.replace('2', 'from one') }, 'one');
  commitFiles(two.worktreePath, { 'shared.txt': LINES.replace('2', 'from two'), 'two.txt': 'two\n' }, 'two');
  commitFiles(dead.worktreePath, { 'shared.txt': LINES.replace('2', 'from the dead') }, 'dead');
  await dead.process.kill();
  return { repo, main, one, two, dead };
}

describe('previewSessionConflicts', () => {
  test('shows which live sessions would conflict, with their ids, and leaves the dead out', async () => {
    const { repo, main, one, two } = await scene();

    const preview = await previewSessionConflicts(coordinator, { repoRoot: two.worktreePath });

    expect(preview.repo).toBe(repo);
    const clean = (branch: string, worktree: string) => ({ state: 'live', ref: branch, head: git(worktree, 'rev-parse', 'HEAD'), uncommitted: [], snapshotProblem: null });
    expect(preview.sessions).toEqual([
      { sessionId: main.sessionId, branch: 'main', baseBranch: 'main', worktreePath: repo, isMainRepo: true, ...clean('main', repo) },
      { sessionId: one.sessionId, branch: branchOf(one), baseBranch: 'main', worktreePath: one.worktreePath, isMainRepo: false, ...clean(branchOf(one), one.worktreePath) },
      { sessionId: two.sessionId, branch: branchOf(two), baseBranch: 'main', worktreePath: two.worktreePath, isMainRepo: false, ...clean(branchOf(two), two.worktreePath) },
    ]);
    // main is both a session's branch and the others' base: each pair once, and main never against itself.
    expect(summary(preview.checks)).toEqual([
      ['main', branchOf(one), 'branch', 'clean', main.sessionId, one.sessionId, []],
      ['main', branchOf(two), 'branch', 'clean', main.sessionId, two.sessionId, []],
      [branchOf(one), branchOf(two), 'branch', 'conflicts', one.sessionId, two.sessionId, ['shared.txt']],
    ]);
    expect(preview).toMatchObject({ skipped: [], conflicting: 1, failed: 0 });
  });

  test('tells how many checks have ended as each ends', async () => {
    const { two } = await scene();
    const told: Array<[number, number]> = [];
    await previewSessionConflicts(coordinator, { repoRoot: two.worktreePath, onCheck: (done, total) => told.push([done, total]) });
    expect(told).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  test('conflicts are classified unless asked not to', async () => {
    const { repo } = await scene();

    const classified = await previewSessionConflicts(coordinator, { repoRoot: repo });
    const plain = await previewSessionConflicts(coordinator, { repoRoot: repo, classify: false });

    expect(plain.checks[2]?.conflicts.map((c) => c.classification)).toEqual([null]);
    expect(classified.checks[2]?.conflicts.map((c) => [c.path, typeof c.classification?.class])).toEqual([['shared.txt', 'string']]);
  });

  test('a main checkout on a detached HEAD is skipped; the worktrees are checked against its commit, which no session holds', async () => {
    const repo = makeRepo({ 'shared.txt': LINES });
    git(repo, 'checkout', '-q', '--detach');
    const base = git(repo, 'rev-parse', 'HEAD');
    const main = await registerLive(coordinator, repo, home);
    const one = await registerLive(coordinator, repo, home);
    const two = await registerLive(coordinator, repo, home);
    commitFiles(one.worktreePath, { 'one.txt': 'one\n' }, 'one');
    commitFiles(two.worktreePath, { 'shared.txt': 'rewritten\n' }, 'two');

    const preview = await previewSessionConflicts(coordinator, { repoRoot: repo });

    expect(preview.skipped).toEqual([{ sessionId: main.sessionId, reason: 'Its main checkout is on a detached HEAD, so it has no branch to compare.' }]);
    expect(preview.sessions.map((s) => s.sessionId)).toEqual([one.sessionId, two.sessionId]);
    expect(summary(preview.checks)).toEqual([
      [branchOf(one), branchOf(two), 'branch', 'clean', one.sessionId, two.sessionId, []],
      [branchOf(one), base, 'base', 'clean', one.sessionId, null, []],
      [branchOf(two), base, 'base', 'clean', two.sessionId, null, []],
    ]);
  });

  test('idle sessions count as live; rows with names git would misread are skipped with the reason', async () => {
    const { main, one, two } = await scene();
    await coordinator.db.updateTable('sessions').set({ branch: '--output=x' }).where('id', '=', one.sessionId).execute();
    const muchLater = new Date(Date.now() + 60 * 60 * 1000);

    const preview = await previewSessionConflicts(coordinator, { repoRoot: two.worktreePath, now: muchLater, concurrency: 1 });

    expect(preview.sessions.map((s) => s.sessionId)).toEqual([main.sessionId, two.sessionId]);
    expect(preview.skipped).toEqual([{ sessionId: one.sessionId, reason: 'Its branch "--output=x" is not a valid ref: it starts with "-".' }]);
    expect(summary(preview.checks)).toEqual([['main', branchOf(two), 'branch', 'clean', main.sessionId, two.sessionId, []]]);
  });

  test('a branch that is gone: the commit its work tree holds stands for it; compared by branches alone, its checks fail with the reason', async () => {
    const { repo, one, two } = await scene();
    git(one.worktreePath, 'checkout', '-q', '--detach');
    git(repo, 'branch', '-q', '-D', branchOf(one));

    const held = await previewSessionConflicts(coordinator, { repoRoot: repo });
    expect(held.sessions.find((s) => s.sessionId === one.sessionId)?.ref).toBe(git(one.worktreePath, 'rev-parse', 'HEAD'));
    expect(held).toMatchObject({ conflicting: 1, failed: 0 });

    const preview = await previewSessionConflicts(coordinator, { repoRoot: repo, workInProgress: false });

    expect(preview.checks.map((c) => [c.ours, c.theirs, c.status])).toEqual([
      ['main', branchOf(one), 'failed'],
      ['main', branchOf(two), 'clean'],
      [branchOf(one), branchOf(two), 'failed'],
    ]);
    expect(preview.checks[0]?.reason).toBe(`theirs "${branchOf(one)}" does not name a commit in ${repo}.`);
    expect(preview).toMatchObject({ conflicting: 0, failed: 2 });
  });

  test('a repository with no live sessions: nothing to check', async () => {
    const repo = makeRepo();
    expect(await previewSessionConflicts(coordinator, { repoRoot: repo })).toEqual({
      repo,
      sessions: [],
      checks: [],
      skipped: [],
      conflicting: 0,
      failed: 0,
    });
  });

  test.each([
    [{ repoRoot: '' }, 'The preview option repoRoot "" is not valid'],
    [{ repoRoot: '/tmp', concurrency: 0 }, 'The preview option concurrency 0 is not valid: it must be 1 or more.'],
    [{ repoRoot: '/tmp', now: new Date('not a date') }, 'The preview option now'],
    [{ repoRoot: '/tmp', classify: 'yes' as unknown as boolean }, 'The preview option classify "yes" is not valid: it must be true or false.'],
    [{ repoRoot: '/tmp', onCheck: 'log' as unknown as () => void }, 'The preview option onCheck "log" is not valid: it must be a function.'],
  ])('refuses bad options before anything runs: %p', async (options, message) => {
    const error = await rejectionOf(previewSessionConflicts(coordinator, options));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(message);
  });
});
