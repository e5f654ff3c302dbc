import * as path from 'node:path';
import { takeNotifications } from '@parallel-cc/core-sessions';
import { commitFiles, git, makeRepo, makeTempDir } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { pollRepository, subscribe } from '../src';
import type { MergeCoordinator } from '../src';
import { branchOf, registerLive, useFreshCoordinator } from './support';

let home: TempHome;
let coordinator: MergeCoordinator;

useFreshCoordinator((fresh) => ({ home, coordinator } = fresh));

/**
 * A bare "origin", a "server" checkout standing for the hosting service's merge button, and a
 * clone where the sessions work; a worktree session's branch (two commits) is pushed to origin.
 */
async function remoteScene() {
  const origin = path.join(makeTempDir(), 'origin.git');
  git(path.dirname(origin), 'init', '-q', '--bare', '-b', 'main', origin);
  const server = makeRepo({ 'a.txt': 'a\n' });
  git(server, 'remote', 'add', 'origin', origin);
  git(server, 'push', '-q', 'origin', 'main');
  const clone = path.join(makeTempDir(), 'clone');
  git(path.dirname(clone), 'clone', '-q', origin, clone);
  for (const [key, value] of [['user.name', 'Test'], ['user.email', 'test@example.com'], ['commit.gpgSign', 'false']]) git(clone, 'config', key ?? '', value ?? '');
  const main = await registerLive(coordinator, clone, home);
  const work = await registerLive(coordinator, clone, home);
  const branch = branchOf(work);
  commitFiles(work.worktreePath, { 'b.txt': 'b\n' }, 'one');
  const tip = commitFiles(work.worktreePath, { 'c.txt': 'c\n' }, 'two');
  git(work.worktreePath, 'push', '-q', 'origin', branch);
  const mergeOnServer = (how: 'merge' | 'squash') => {
    git(server, 'fetch', '-q', 'origin');
    if (how === 'merge') git(server, 'merge', '-q', '--no-ff', '-m', 'merge pull request', `origin/${branch}`);
    else {
      git(server, 'merge', '-q', '--squash', `origin/${branch}`);
      git(server, 'commit', '-q', '-m', 'squash pull request');
    }
    git(server, 'push', '-q', 'origin', 'main');
    return git(server, 'rev-parse', 'main');
  };
  return { origin, server, clone, main, work, branch, tip, mergeOnServer };
}

describe('merges made on the remote', () => {
  test('are seen after a fetch, recorded against the local target name, and not again after pulling', async () => {
    const { clone, main, work, branch, tip, mergeOnServer } = await remoteScene();
    const localMain = git(clone, 'rev-parse', 'main');
    const merged = mergeOnServer('merge');

    expect((await pollRepository(coordinator, { repo: clone, env: home.env })).events).toEqual([]);
    const result = await pollRepository(coordinator, { repo: clone, fetch: true, env: home.env });

    expect(result.warnings).toEqual([]);
    expect(result.events.map((e) => [e.branch, e.targetBranch, e.how, e.sourceCommit, e.targetCommit])).toEqual([
      [branch, 'main', 'ancestor', tip, merged],
    ]);
    expect(git(clone, 'rev-parse', 'main')).toBe(localMain);
    // The main checkout works on main itself: it is told to pull, not to rebase.
    expect((await takeNotifications(coordinator, main.sessionId)).map((n) => n.text)).toEqual([
      `origin/main moved: ${branch} was merged there. Pull it into main when convenient.`,
    ]);
    expect((await takeNotifications(coordinator, work.sessionId)).map((n) => n.text)).toEqual([
      `Your branch ${branch} was merged into origin/main (ancestor).`,
    ]);

    git(clone, 'merge', '-q', '--ff-only', 'origin/main');
    expect(await pollRepository(coordinator, { repo: clone, fetch: true, env: home.env })).toMatchObject({ events: [], notified: 0 });
  });

  test('a subscription to a remote-tracking target is checked as given', async () => {
    const { clone, main, branch, mergeOnServer } = await remoteScene();
    await subscribe(coordinator, { sessionId: main.sessionId, branch, targetBranch: 'origin/main' });
    mergeOnServer('squash');
    const result = await pollRepository(coordinator, { repo: clone, fetch: true, env: home.env });
    expect(result.events.map((e) => [e.targetBranch, e.how]).sort()).toEqual([
      ['main', 'squash'],
      ['origin/main', 'squash'],
    ]);
    expect((await takeNotifications(coordinator, main.sessionId)).map((n) => [n.kind, n.text]).sort()).toEqual([
      ['base-moved', `origin/main moved: ${branch} was merged there. Pull it into main when convenient.`],
      ['merge', `Branch ${branch} was merged into origin/main (squash).`],
    ]);
  });

  test('fetch prunes deleted remote branches; a fetch that fails is a warning and local merges still count', async () => {
    const { origin, clone, work, branch } = await remoteScene();
    git(clone, 'push', '-q', 'origin', '--delete', branch);
    git(clone, 'fetch', '-q', 'origin', `+refs/heads/main:refs/remotes/origin/gone`);
    await pollRepository(coordinator, { repo: clone, fetch: true, env: home.env });
    expect(git(clone, 'for-each-ref', '--format=%(refname)', 'refs/remotes/origin/').split('\n')).toEqual(['refs/remotes/origin/HEAD', 'refs/remotes/origin/main']);

    git(clone, 'remote', 'set-url', 'origin', `${origin}-missing`);
    git(clone, 'merge', '-q', '--no-ff', '-m', 'merge locally', branch);
    const result = await pollRepository(coordinator, { repo: work.worktreePath, fetch: true, env: home.env });
    expect(result.warnings).toEqual([expect.stringMatching(/^git fetch origin failed: .*; merges were checked against what was fetched before\.$/)]);
    expect(result.events.map((e) => [e.branch, e.targetBranch])).toEqual([[branch, 'main']]);
  });

  test('a repository without a remote polls the same with fetch on', async () => {
    const repo = makeRepo({ 'a.txt': 'a\n' });
    await registerLive(coordinator, repo, home);
    const work = await registerLive(coordinator, repo, home);
    commitFiles(work.worktreePath, { 'b.txt': 'b\n' });
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge', branchOf(work));
    expect(await pollRepository(coordinator, { repo, fetch: true, env: home.env })).toMatchObject({ warnings: [], events: [{ how: 'ancestor' }] });
  });
});
