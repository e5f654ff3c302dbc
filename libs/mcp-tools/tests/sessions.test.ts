import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRepo, makeTempDir } from '@parallel-cc/test-utils';
import { branchOf, call, failure, ok, useFixture } from './support';

const fx = useFixture();

describe('get_parallel_status', () => {
  test("lists the sessions of the caller's repository, of a repo_path, and of the server's folder", async () => {
    const repo = makeRepo();
    const main = await fx.register(repo);
    const work = await fx.register(repo);
    const elsewhere = makeRepo();
    const other = await fx.register(elsewhere);

    const mine = await ok(call('get_parallel_status', {}, fx.context({ session: work, cwd: work.worktreePath })));
    expect(mine).toMatchObject({ repo, totalSessions: 2 });
    expect(mine.sessions).toEqual([
      expect.objectContaining({ sessionId: main.sessionId, isMainRepo: true, branch: 'main', state: 'live' }),
      expect.objectContaining({ sessionId: work.sessionId, isMainRepo: false, branch: branchOf(work), baseBranch: 'main', worktreePath: work.worktreePath }),
    ]);

    const named = await ok(call('get_parallel_status', { repo_path: path.join(elsewhere, '.') }, fx.context({ session: work, cwd: work.worktreePath })));
    expect(named).toMatchObject({ repo: elsewhere, totalSessions: 1, sessions: [expect.objectContaining({ sessionId: other.sessionId })] });

    // No session calling: the repository holding the server's folder.
    const byFolder = await ok(call('get_parallel_status', {}, fx.context({ cwd: elsewhere })));
    expect(byFolder).toMatchObject({ repo: elsewhere, totalSessions: 1 });

    // Outside any repository and without a session: every repository.
    const everything = await ok(call('get_parallel_status', {}, fx.context({ cwd: makeTempDir() })));
    expect(everything.repo).toBeNull();
    expect(everything.sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual(
      expect.arrayContaining([main.sessionId, work.sessionId, other.sessionId]),
    );
  });

  test('says how each session started and which session started a subagent', async () => {
    const repo = makeRepo();
    const main = await fx.register(repo);
    const byClaude = await fx.register(repo, { origin: 'claude-worktree' });
    const subagent = await fx.register(repo, { origin: 'subagent', parentSessionId: byClaude.sessionId });

    const listed = await ok(call('get_parallel_status', {}, fx.context({ session: main, cwd: repo })));
    expect(listed.sessions).toEqual([
      expect.objectContaining({ sessionId: main.sessionId, origin: 'wrapper', parentSessionId: null }),
      expect.objectContaining({ sessionId: byClaude.sessionId, origin: 'claude-worktree', parentSessionId: null }),
      expect.objectContaining({ sessionId: subagent.sessionId, origin: 'subagent', parentSessionId: byClaude.sessionId }),
    ]);
  });

  test('a repo_path that is not a repository is an error naming it', async () => {
    const folder = makeTempDir();
    const error = await failure(call('get_parallel_status', { repo_path: folder }, fx.context({ cwd: folder })));
    expect(error).toMatchObject({ code: 'NOT_A_REPOSITORY' });
    expect(error.message).toContain(folder);
  });
});

describe('get_my_session', () => {
  test('describes the calling session, named by PARALLEL_CC_SESSION_ID or found by the server\'s folder', async () => {
    const repo = makeRepo();
    const main = await fx.register(repo);
    const work = await fx.register(repo);

    const me = await ok(call('get_my_session', {}, fx.context({ session: work, cwd: repo })));
    expect(me).toEqual({
      sessionId: work.sessionId,
      repoPath: repo,
      worktreePath: work.worktreePath,
      worktreeName: path.basename(work.worktreePath),
      branch: branchOf(work),
      baseBranch: 'main',
      isMainRepo: false,
      startedAt: expect.stringMatching(/Z$/),
      state: 'live',
      ports: work.ports,
      parallelSessions: 2,
      filesInProgress: 0,
      changedFiles: [],
      otherSessions: [expect.objectContaining({ sessionId: main.sessionId, isMainRepo: true, filesInProgress: 0, changedFiles: [] })],
    });

    // Without the variable, a subfolder of the main checkout belongs to the main session.
    fs.mkdirSync(path.join(repo, 'src'));
    const byFolder = await ok(call('get_my_session', {}, fx.context({ cwd: path.join(repo, 'src') })));
    expect(byFolder).toMatchObject({ sessionId: main.sessionId, isMainRepo: true, branch: 'main' });
    expect(byFolder.otherSessions.map((s: { sessionId: string }) => s.sessionId)).toEqual([work.sessionId]);
  });

  test('without a session: NO_SESSION, saying how to start one', async () => {
    const repo = makeRepo();
    const error = await failure(call('get_my_session', {}, fx.context({ cwd: repo })));
    expect(error.code).toBe('NO_SESSION');
    expect(error.message).toContain(`no parallel-cc session is registered for ${repo}`);
    expect(error.message).toContain('claude-parallel');
    expect(error.message).toContain('parallel-cc register --repo <path> --pid <pid>');
    expect(error.message).toContain('PARALLEL_CC_SESSION_ID');
  });

  test('a PARALLEL_CC_SESSION_ID whose session has ended is not replaced by a guess from the folder', async () => {
    const repo = makeRepo();
    const main = await fx.register(repo);
    const gone = await fx.register(repo);
    await gone.process.kill();
    const error = await failure(call('get_my_session', {}, fx.context({ session: gone, cwd: repo })));
    expect(error.code).toBe('NO_SESSION');
    expect(error.message).toContain(`PARALLEL_CC_SESSION_ID names session ${gone.sessionId}, which is not registered or no longer live`);
    expect(main.sessionId).not.toBe(gone.sessionId);
  });
});

describe('get_notifications', () => {
  test("takes the caller's pending notifications once, oldest first", async () => {
    const repo = makeRepo();
    const main = await fx.register(repo);
    const work = await fx.register(repo);
    await fx.notify(work.sessionId, 'merge', 'first');
    await fx.notify(work.sessionId, 'claim-conflict', 'second');
    await fx.notify(main.sessionId, 'merge', 'not yours');
    const context = fx.context({ session: work, cwd: work.worktreePath });

    const taken = await ok(call('get_notifications', {}, context));
    expect(taken).toEqual({
      total: 2,
      notifications: [
        { id: expect.any(Number), sessionId: work.sessionId, kind: 'merge', text: 'first', createdAt: expect.stringMatching(/Z$/) },
        { id: expect.any(Number), sessionId: work.sessionId, kind: 'claim-conflict', text: 'second', createdAt: expect.stringMatching(/Z$/) },
      ],
    });
    expect(await ok(call('get_notifications', {}, context))).toEqual({ notifications: [], total: 0 });
  });
});

describe('session-scoped tools without a session', () => {
  const scoped: Array<[string, Record<string, unknown>]> = [
    ['get_my_session', {}],
    ['notify_when_merged', { branch: 'feature' }],
    ['rebase_assist', {}],
    ['claim_file', { file_path: 'a.txt' }],
    ['release_file', { file_path: 'a.txt' }],
    ['detect_advanced_conflicts', {}],
    ['get_auto_fix_suggestions', {}],
    ['get_notifications', {}],
  ];

  test.each(scoped)('%s answers NO_SESSION with guidance', async (name, args) => {
    const repo = makeRepo();
    const error = await failure(call(name, args, fx.context({ cwd: repo })));
    expect(error.code).toBe('NO_SESSION');
    expect(error.message).toMatch(new RegExp(`^${name} works for the calling session`));
    expect(error.message).toContain('claude-parallel');
  });

  test("tools that need a repository say so when neither a session nor the server's folder gives one", async () => {
    const folder = makeTempDir();
    const check = await failure(call('check_merge_status', { branch: 'feature' }, fx.context({ cwd: folder })));
    expect(check).toMatchObject({ code: 'NOT_FOUND' });
    expect(check.message).toContain(`The server's folder ${folder} is not inside a git repository`);
    expect(check.message).not.toContain('repo_path');
    const preview = await failure(call('preview_session_conflicts', {}, fx.context({ cwd: folder })));
    expect(preview.message).toContain('give repo_path');
  });
});
