import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo } from '@parallel-cc/test-utils';
import { branchOf, call, failure, ok, useFixture } from './support';

const fx = useFixture();

/** A main-checkout session and a worktree session whose branch has one commit. */
async function oneBranch() {
  const repo = makeRepo({ 'a.txt': 'a\n' });
  const main = await fx.register(repo);
  const work = await fx.register(repo);
  const tip = commitFiles(work.worktreePath, { 'b.txt': 'b\n' }, 'b');
  return { repo, main, work, branch: branchOf(work), tip };
}

function squashMerge(repo: string, branch: string): void {
  git(repo, 'merge', '-q', '--squash', branch);
  git(repo, 'commit', '-q', '-m', `squash ${branch}`);
}

describe('notify_when_merged, check_merge_status, get_merge_events and get_notifications', () => {
  test('a squash merge is seen at once, recorded by a poll, and announced to the subscriber once', async () => {
    const { repo, main, work, branch, tip } = await oneBranch();
    const mainContext = fx.context({ session: main, cwd: repo });

    const subscribed = await ok(call('notify_when_merged', { branch }, mainContext));
    expect(subscribed).toEqual({
      subscribed: true,
      subscription: expect.objectContaining({ sessionId: main.sessionId, branch, targetBranch: 'main', active: true, notifiedAt: null }),
      message: expect.stringContaining(`You will be notified once when ${branch} is merged into main`),
    });
    const again = await ok(call('notify_when_merged', { branch, target_branch: 'main' }, mainContext));
    expect(again.subscription.id).toBe(subscribed.subscription.id);

    const before = await ok(call('check_merge_status', { branch }, fx.context({ session: work, cwd: work.worktreePath })));
    expect(before).toEqual({
      isMerged: false,
      how: null,
      targetBranch: 'main',
      mergeEvent: null,
      message: `${branch} is not merged into main yet; notify_when_merged tells you when it is.`,
    });

    squashMerge(repo, branch);
    const live = await ok(call('check_merge_status', { branch, target_branch: 'main' }, mainContext));
    expect(live).toMatchObject({ isMerged: true, how: 'squash', mergeEvent: null, message: `${branch} is merged into main by a squash merge.` });
    expect(await ok(call('get_merge_events', {}, mainContext))).toEqual({ events: [], total: 0 });

    const poll = await fx.poll(repo);
    expect(poll.events).toHaveLength(1);

    const recorded = await ok(call('check_merge_status', { branch }, mainContext));
    expect(recorded).toMatchObject({ isMerged: true, how: 'squash', mergeEvent: { branch, sourceCommit: tip, targetBranch: 'main', how: 'squash' } });
    const events = await ok(call('get_merge_events', { repo_path: work.worktreePath, limit: 5 }, fx.context({ cwd: repo })));
    expect(events).toEqual({ events: [recorded.mergeEvent], total: 1 });

    const notes = await ok(call('get_notifications', {}, mainContext));
    expect(notes.notifications).toEqual([expect.objectContaining({ sessionId: main.sessionId, kind: 'merge', text: expect.stringContaining(branch) })]);
    expect(await ok(call('get_notifications', {}, mainContext))).toMatchObject({ total: 0 });
  });

  test('check_merge_status: an unknown target is an error; a branch cannot be its own target for notify_when_merged', async () => {
    const { repo, main, branch } = await oneBranch();
    const context = fx.context({ session: main, cwd: repo });
    expect(await failure(call('check_merge_status', { branch, target_branch: 'nowhere' }, context))).toEqual({
      code: 'NOT_FOUND',
      message: `The target nowhere does not exist in ${repo}.`,
    });
    const self = await failure(call('notify_when_merged', { branch: 'main' }, context));
    expect(self.code).toBe('INVALID_INPUT');
    expect(self.message).toContain('cannot be merged into itself');
    const badRef = await failure(call('notify_when_merged', { branch: 'a..b' }, context));
    expect(badRef).toMatchObject({ code: 'INVALID_REF', message: expect.stringContaining('The branch "a..b" is not a valid branch name') });
    // A typo never waits forever.
    expect(await failure(call('notify_when_merged', { branch: 'nope' }, context))).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('The branch nope does not exist') });
    expect(await failure(call('check_merge_status', { branch: 'nope' }, context))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(call('notify_when_merged', { branch, target_branch: 'nope' }, context))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('rebase_assist', () => {
  test("predicts with check_only, then rebases the caller's worktree onto its base branch", async () => {
    const { repo, work, branch } = await oneBranch();
    const moved = commitFiles(repo, { 'c.txt': 'c\n' }, 'main moves on');
    const context = fx.context({ session: work, cwd: work.worktreePath });

    const predicted = await ok(call('rebase_assist', { check_only: true }, context));
    expect(predicted).toMatchObject({ success: true, status: 'would-rebase', conflictingFiles: [] });
    expect(git(work.worktreePath, 'rev-list', '--count', `HEAD..${moved}`)).toBe('1');

    const rebased = await ok(call('rebase_assist', {}, context));
    expect(rebased).toMatchObject({ success: true, status: 'rebased', message: 'Rebased onto main.' });
    expect(git(work.worktreePath, 'rev-parse', `${branch}~1`)).toBe(moved);
    expect(await ok(call('rebase_assist', { target_branch: 'main' }, context))).toMatchObject({ status: 'up-to-date' });
  });

  test('stops on conflicts with the files listed, and refuses uncommitted changes', async () => {
    const { repo, work } = await oneBranch();
    commitFiles(repo, { 'b.txt': 'main b\n' }, 'main adds b too');
    const context = fx.context({ session: work, cwd: work.worktreePath });

    fs.writeFileSync(path.join(work.worktreePath, 'a.txt'), 'uncommitted\n');
    expect(await ok(call('rebase_assist', {}, context))).toMatchObject({ success: false, status: 'dirty', changedFiles: [' M a.txt'] });
    git(work.worktreePath, 'checkout', '--', 'a.txt');

    expect(await ok(call('rebase_assist', { check_only: true }, context))).toMatchObject({ status: 'would-conflict', conflictingFiles: ['b.txt'] });
    const stopped = await ok(call('rebase_assist', {}, context));
    expect(stopped).toMatchObject({ success: false, status: 'conflicts', conflictingFiles: ['b.txt'] });
    expect(stopped.message).toContain('git rebase --continue');
    expect(await failure(call('rebase_assist', {}, context))).toMatchObject({ code: 'REBASE_IN_PROGRESS' });
    git(work.worktreePath, 'rebase', '--abort');
  });
});
