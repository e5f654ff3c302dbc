import * as fs from 'node:fs';
import * as path from 'node:path';
import { releaseSession, takeNotifications } from '@parallel-cc/core-sessions';
import { commitFiles, git, makeRepo, makeTempDir } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { listSubscriptions, MergeDetectorError, pollRepository, subscribe, unsubscribe } from '../src';
import type { MergeCoordinator } from '../src';
import { branchOf, registerLive, rejectionOf, rows, useFreshCoordinator } from './support';

let home: TempHome;
let coordinator: MergeCoordinator;

useFreshCoordinator((fresh) => ({ home, coordinator } = fresh));

describe('subscribe', () => {
  test('targets the session\'s base branch by default, and subscribing twice returns the same subscription', async () => {
    const repo = makeRepo();
    git(repo, 'branch', 'feature/login');
    git(repo, 'branch', 'release');
    const watcher = await registerLive(coordinator, repo, home);
    const first = await subscribe(coordinator, { sessionId: watcher.sessionId, branch: 'feature/login' });
    expect(first).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sessionId: watcher.sessionId,
      repoPath: repo,
      branch: 'feature/login',
      targetBranch: 'main',
      createdAt: expect.stringMatching(/Z$/),
      notifiedAt: null,
      active: true,
    });
    expect(await subscribe(coordinator, { sessionId: watcher.sessionId, branch: 'feature/login', targetBranch: 'main' })).toEqual(first);
    const other = await subscribe(coordinator, { sessionId: watcher.sessionId, branch: 'feature/login', targetBranch: 'release' });
    expect(other.id).not.toBe(first.id);
    expect(rows(coordinator, 'subscriptions')).toHaveLength(2);
  });

  test('refuses names git would misread, before anything runs', async () => {
    const repo = makeRepo();
    const watcher = await registerLive(coordinator, repo, home);
    const marker = path.join(makeTempDir(), 'p');
    for (const branch of [`x$(touch ${marker})`, '--upload-pack=x', 'a..b', 'main~1', '']) {
      const error = await rejectionOf(subscribe(coordinator, { sessionId: watcher.sessionId, branch }));
      expect(error).toBeInstanceOf(MergeDetectorError);
      expect(error).toMatchObject({ code: 'INVALID_REF' });
      expect(error.message).toContain(`The branch "${branch}" is not a valid branch name`);
    }
    await expect(subscribe(coordinator, { sessionId: watcher.sessionId, branch: 'ok', targetBranch: '-x' })).rejects.toThrow(
      /The target branch "-x" is not a valid branch name: it starts with "-"/,
    );
    await expect(subscribe(coordinator, { sessionId: watcher.sessionId, branch: 'main' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(subscribe(coordinator, { sessionId: 'not-a-uuid', branch: 'ok' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(subscribe(coordinator, { sessionId: '123e4567-e89b-42d3-a456-426614174000', branch: 'ok' })).rejects.toMatchObject({
      code: 'SESSION_NOT_FOUND',
    });
    expect(fs.existsSync(marker)).toBe(false);
    expect(rows(coordinator, 'subscriptions')).toEqual([]);
  });

  test('a branch or target that does not exist is NOT_FOUND, and nothing is subscribed', async () => {
    const repo = makeRepo();
    git(repo, 'branch', 'real');
    const watcher = await registerLive(coordinator, repo, home);
    await expect(subscribe(coordinator, { sessionId: watcher.sessionId, branch: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `The branch nope does not exist in ${repo}, and no merge of it into main was recorded.`,
    });
    await expect(subscribe(coordinator, { sessionId: watcher.sessionId, branch: 'real', targetBranch: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `The target nope does not exist in ${repo}.`,
    });
    await expect(subscribe(coordinator, { sessionId: watcher.sessionId, branch: 'main', targetBranch: 'refs/heads/main' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(rows(coordinator, 'subscriptions')).toEqual([]);
  });

  test('a branch already merged gets a subscription done at once: there is nothing to wait for', async () => {
    const repo = makeRepo({ 'a.txt': 'a\n' });
    const watcher = await registerLive(coordinator, repo, home);
    const author = await registerLive(coordinator, repo, home);
    commitFiles(author.worktreePath, { 'b.txt': 'b\n' }, 'work');
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge it', branchOf(author));

    const done = await subscribe(coordinator, { sessionId: watcher.sessionId, branch: branchOf(author) });
    expect(done).toMatchObject({ active: false, notifiedAt: expect.stringMatching(/Z$/) });
    expect(await listSubscriptions(coordinator, { repo, activeOnly: true })).toEqual([]);
  });

  test('a merge reaches the subscriber once, as a merge notification, and ends the subscription', async () => {
    const repo = makeRepo({ 'a.txt': 'a\n' });
    const watcher = await registerLive(coordinator, repo, home);
    const author = await registerLive(coordinator, repo, home);
    const bystander = await registerLive(coordinator, repo, home);
    const branch = branchOf(author);
    await subscribe(coordinator, { sessionId: watcher.sessionId, branch });
    commitFiles(author.worktreePath, { 'b.txt': 'b\n' }, 'one');
    commitFiles(author.worktreePath, { 'c.txt': 'c\n' }, 'two');
    git(repo, 'merge', '-q', '--squash', branch);
    git(repo, 'commit', '-q', '-m', 'squashed');

    const result = await pollRepository(coordinator, { repo, env: home.env });
    expect(result.notified).toBe(3);
    const take = async (id: string) => (await takeNotifications(coordinator, id)).map((n) => [n.kind, n.text]);
    expect(await take(watcher.sessionId)).toEqual([['merge', `Branch ${branch} was merged into main (squash).`]]);
    expect(await take(watcher.sessionId)).toEqual([]);
    expect(await take(author.sessionId)).toEqual([['merge', `Your branch ${branch} was merged into main (squash).`]]);
    expect((await take(bystander.sessionId)).map(([kind]) => kind)).toEqual(['base-moved']);
    const [done] = await listSubscriptions(coordinator, { sessionId: watcher.sessionId });
    expect(done).toMatchObject({ active: false, notifiedAt: result.events[0]?.detectedAt });
    expect(await listSubscriptions(coordinator, { repo, activeOnly: true })).toEqual([]);

    await pollRepository(coordinator, { repo, env: home.env });
    expect(await take(watcher.sessionId)).toEqual([]);
  });

  test('a subscription to a branch no session works on is polled too', async () => {
    const repo = makeRepo({ 'a.txt': 'a\n' });
    const watcher = await registerLive(coordinator, repo, home);
    git(repo, 'branch', 'colleague');
    git(repo, 'switch', '-q', 'colleague');
    commitFiles(repo, { 'x.txt': 'x\n' }, 'colleague work');
    git(repo, 'switch', '-q', 'main');
    await subscribe(coordinator, { sessionId: watcher.sessionId, branch: 'colleague' });
    expect((await pollRepository(coordinator, { repo, env: home.env })).events).toEqual([]);
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge colleague', 'colleague');
    const result = await pollRepository(coordinator, { repo, env: home.env });
    expect(result).toMatchObject({ checked: 1, notified: 1 });
    expect(result.events.map((e) => [e.branch, e.how])).toEqual([['colleague', 'ancestor']]);
  });

  test('go with their session, and can be withdrawn', async () => {
    const repo = makeRepo();
    for (const branch of ['x', 'y', 'release']) git(repo, 'branch', branch);
    const a = await registerLive(coordinator, repo, home);
    const b = await registerLive(coordinator, repo, home);
    await subscribe(coordinator, { sessionId: a.sessionId, branch: 'x' });
    await subscribe(coordinator, { sessionId: a.sessionId, branch: 'x', targetBranch: 'release' });
    await subscribe(coordinator, { sessionId: a.sessionId, branch: 'y' });
    await subscribe(coordinator, { sessionId: b.sessionId, branch: 'x' });

    expect(await unsubscribe(coordinator, { sessionId: a.sessionId, branch: 'x' })).toBe(2);
    expect(await unsubscribe(coordinator, { sessionId: a.sessionId, branch: 'x' })).toBe(0);
    expect((await listSubscriptions(coordinator, { sessionId: a.sessionId })).map((s) => s.branch)).toEqual(['y']);
    expect((await listSubscriptions(coordinator, { repo })).map((s) => s.branch)).toEqual(['y', 'x']);

    await releaseSession(coordinator, { sessionId: a.sessionId }, { env: home.env });
    expect((await listSubscriptions(coordinator)).map((s) => s.sessionId)).toEqual([b.sessionId]);
    coordinator.raw.prepare('delete from sessions where id = ?').run(b.sessionId);
    expect(rows(coordinator, 'subscriptions')).toEqual([]);
  });
});
