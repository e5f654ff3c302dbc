import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, deadPid, git, makeRepo, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { openCoordinator, processStartTime, registerSession, RELEASE_TAKEOVER_MS, releaseSession } from '../src';
import type { Coordinator, Registration } from '../src';
import { branchOf, cleanHome, hasBranch, listedWorktrees, liveProcess, requireRow, sessionErrorOf, sessionRow, sessionRows, stopLiveProcesses } from './support';

// One database and one repository whose main checkout stays held: each test works with worktree
// sessions of its own and leaves no other rows behind. Tests that need more get their own repository.
let home: TempHome;
let coordinator: Coordinator;
let repo: string;

beforeAll(async () => {
  home = cleanHome();
  coordinator = await openCoordinator({ env: home.env });
  repo = makeRepo({ 'README.md': '# test\n', 'src/app.js': 'one\n' });
  await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
});

afterAll(async () => {
  await coordinator.close();
  await stopLiveProcesses();
  removeTempDirs();
});

const worker = (inRepo = repo) => registerSession(coordinator, { repo: inRepo, pid: liveProcess().pid, env: home.env });
const release = (session: Registration, force = false) =>
  releaseSession(coordinator, { sessionId: session.sessionId }, { force, env: home.env });

describe('releaseSession', () => {
  it('removes a clean worktree and its branch when the branch has no commits of its own', async () => {
    const w = await worker();
    const results = await release(w);
    expect(results).toEqual([
      {
        sessionId: w.sessionId,
        worktreePath: w.worktreePath,
        branch: w.branch,
        status: 'done',
        worktree: 'removed',
        branchOutcome: 'deleted',
        reasons: [],
      },
    ]);
    expect(fs.existsSync(w.worktreePath)).toBe(false);
    expect(hasBranch(repo, w.branch)).toBe(false);
    expect(listedWorktrees(repo)).not.toContain(w.worktreePath);
    expect(sessionRow(coordinator, w.sessionId)).toBeUndefined();
  });

  it('keeps the branch of a commit made in the worktree, and still removes the clean worktree', async () => {
    const w = await worker();
    const commit = commitFiles(w.worktreePath, { 'src/app.js': 'two\n' }, 'work in progress');
    const [result] = await release(w);
    expect(result).toMatchObject({ status: 'done', worktree: 'removed', branchOutcome: 'kept' });
    expect(result?.reasons).toEqual([`branch ${w.branch} kept: 1 commit not in main`]);
    expect(fs.existsSync(w.worktreePath)).toBe(false);
    expect(git(repo, 'show-ref', '--hash', `refs/heads/${w.branch}`)).toBe(commit);
    expect(sessionRow(coordinator, w.sessionId)).toBeUndefined();
  });

  it('deletes a branch that was merged into its base, together with the worktree', async () => {
    const w = await worker();
    commitFiles(w.worktreePath, { 'feature.txt': 'done\n' }, 'feature');
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge feature', branchOf(w));
    const [result] = await release(w);
    expect(result).toMatchObject({ status: 'done', worktree: 'removed', branchOutcome: 'deleted', reasons: [] });
    expect(hasBranch(repo, w.branch)).toBe(false);
    expect(fs.existsSync(w.worktreePath)).toBe(false);
  });

  it('deletes a branch that main fast-forwarded to', async () => {
    const w = await worker();
    commitFiles(w.worktreePath, { 'fast-forward.txt': 'done\n' }, 'feature');
    git(repo, 'merge', '-q', '--ff-only', branchOf(w));
    const [result] = await release(w);
    expect(result).toMatchObject({ status: 'done', branchOutcome: 'deleted' });
    expect(hasBranch(repo, w.branch)).toBe(false);
  });

  it('keeps a worktree with uncommitted or untracked work, with the reason, until forced', async () => {
    const w = await worker();
    writeFiles(w.worktreePath, { 'src/app.js': 'edited\n', 'notes/todo.txt': 'remember\n' });
    const [kept] = await release(w);
    expect(kept).toMatchObject({ status: 'kept', worktree: 'kept', branchOutcome: 'kept' });
    expect(kept?.reasons).toEqual(['worktree has 1 uncommitted change, 1 untracked file']);
    expect(sessionRow(coordinator, w.sessionId)).toMatchObject({
      status: 'kept',
      kept_reason: 'worktree has 1 uncommitted change, 1 untracked file',
    });
    expect(fs.readFileSync(path.join(w.worktreePath, 'src/app.js'), 'utf8')).toBe('edited\n');
    expect(fs.readFileSync(path.join(w.worktreePath, 'notes/todo.txt'), 'utf8')).toBe('remember\n');
    expect(hasBranch(repo, w.branch)).toBe(true);

    // A kept session is no longer found by its PID, only by its id.
    const byPid = await sessionErrorOf(releaseSession(coordinator, { pid: requireRow(coordinator, w.sessionId).pid }));
    expect(byPid.code).toBe('SESSION_NOT_FOUND');

    const [forced] = await release(w, true);
    expect(forced).toMatchObject({ status: 'done', worktree: 'removed', branchOutcome: 'deleted' });
    expect(fs.existsSync(w.worktreePath)).toBe(false);
    expect(listedWorktrees(repo)).not.toContain(w.worktreePath);
    expect(sessionRow(coordinator, w.sessionId)).toBeUndefined();
  });

  it('hands the main checkout back without touching its files', async () => {
    const own = makeRepo({ 'src/app.js': 'one\n' });
    const holder = liveProcess();
    const main = await registerSession(coordinator, { repo: own, pid: holder.pid, env: home.env });
    writeFiles(own, { 'src/app.js': 'edited in main\n' });
    const results = await releaseSession(coordinator, { pid: holder.pid }, { env: home.env });
    expect(results).toEqual([
      { sessionId: main.sessionId, worktreePath: own, branch: 'main', status: 'done', worktree: 'main', branchOutcome: 'none', reasons: [] },
    ]);
    expect(sessionRow(coordinator, main.sessionId)).toBeUndefined();
    expect(fs.readFileSync(path.join(own, 'src/app.js'), 'utf8')).toBe('edited in main\n');
    expect(hasBranch(own, 'main')).toBe(true);
  });

  it('finds a session by its agent\u2019s PID', async () => {
    const w = await worker();
    const agent = liveProcess();
    coordinator.raw
      .prepare('update sessions set agent_pid = ?, agent_started = ? where id = ?')
      .run(agent.pid, processStartTime(agent.pid), w.sessionId);
    const [result] = await releaseSession(coordinator, { pid: agent.pid }, { env: home.env });
    expect(result).toMatchObject({ sessionId: w.sessionId, status: 'done' });
    expect(fs.existsSync(w.worktreePath)).toBe(false);
  });

  it('fails with SESSION_NOT_FOUND for a PID or id nobody registered, changing nothing', async () => {
    const before = sessionRows(coordinator);
    const byPid = await sessionErrorOf(releaseSession(coordinator, { pid: 4_000_000 }));
    expect(byPid.code).toBe('SESSION_NOT_FOUND');
    expect(byPid.message).toContain('PID 4000000');
    const id = '123e4567-e89b-42d3-a456-426614174000';
    const byId = await sessionErrorOf(releaseSession(coordinator, { sessionId: id }));
    expect(byId.code).toBe('SESSION_NOT_FOUND');
    expect(byId.message).toContain(id);
    expect(byId.data).toEqual({ sessionId: id });
    expect(sessionRows(coordinator)).toEqual(before);
  });

  it('skips a session another process is releasing right now', async () => {
    const w = await worker();
    coordinator.raw.prepare("update sessions set status = 'releasing', status_changed_at = ? where id = ?").run(new Date().toISOString(), w.sessionId);
    const [result] = await release(w);
    expect(result).toMatchObject({ status: 'skipped', worktree: 'kept', reasons: ['another process is releasing it'] });
    expect(fs.existsSync(w.worktreePath)).toBe(true);
    expect(sessionRow(coordinator, w.sessionId)?.status).toBe('releasing');
  });

  it('takes over a release that stalled, and lets only one of two concurrent releases act', async () => {
    const stalled = await worker();
    const longAgo = new Date(Date.now() - RELEASE_TAKEOVER_MS - 1000).toISOString();
    coordinator.raw.prepare("update sessions set status = 'releasing', status_changed_at = ? where id = ?").run(longAgo, stalled.sessionId);
    const [takenOver] = await release(stalled);
    expect(takenOver).toMatchObject({ status: 'done', worktree: 'removed' });
    expect(fs.existsSync(stalled.worktreePath)).toBe(false);

    const w = await worker();
    const results = (await Promise.all([release(w), release(w)])).flat();
    expect(results.map((r) => r.status).sort()).toEqual(['done', 'skipped']);
    expect(fs.existsSync(w.worktreePath)).toBe(false);
    expect(sessionRow(coordinator, w.sessionId)).toBeUndefined();
  });

  it('takes over at once a release whose process died, and leaves one whose process runs to it', async () => {
    const mark = coordinator.raw.prepare(
      "update sessions set status = 'releasing', status_changed_at = ?, status_owner_pid = ?, status_owner_started = ? where id = ?",
    );
    const abandoned = await worker();
    mark.run(new Date().toISOString(), await deadPid(), 'boot:1', abandoned.sessionId);
    const [takenOver] = await release(abandoned);
    expect(takenOver).toMatchObject({ status: 'done', worktree: 'removed' });
    expect(sessionRow(coordinator, abandoned.sessionId)).toBeUndefined();

    const busy = await worker();
    const releaser = liveProcess();
    mark.run(new Date().toISOString(), releaser.pid, processStartTime(releaser.pid), busy.sessionId);
    const [skipped] = await release(busy);
    expect(skipped).toMatchObject({ status: 'skipped', reasons: ['another process is releasing it'] });
    expect(sessionRow(coordinator, busy.sessionId)).toMatchObject({ status: 'releasing', status_owner_pid: releaser.pid });
    await releaser.kill();
    const [after] = await release(busy);
    expect(after).toMatchObject({ status: 'done' });
  });

  it('prunes a worktree folder that was deleted by hand', async () => {
    const w = await worker();
    fs.rmSync(w.worktreePath, { recursive: true, force: true });
    expect(listedWorktrees(repo)).toContain(w.worktreePath);
    const [result] = await release(w);
    expect(result).toMatchObject({ status: 'done', worktree: 'missing', branchOutcome: 'deleted' });
    expect(listedWorktrees(repo)).not.toContain(w.worktreePath);
    expect(hasBranch(repo, w.branch)).toBe(false);
  });

  it('keeps a worktree whose repository was deleted, and drops the row when both are gone', async () => {
    const own = makeRepo();
    await worker(own);
    const w = await worker(own);
    const gone = await worker(own);
    fs.rmSync(own, { recursive: true, force: true });
    fs.rmSync(gone.worktreePath, { recursive: true, force: true });

    const [kept] = await release(w);
    expect(kept).toMatchObject({ status: 'kept', worktree: 'kept', reasons: [`its repository ${own} no longer exists`] });
    expect(fs.existsSync(w.worktreePath)).toBe(true);
    expect(sessionRow(coordinator, w.sessionId)).toMatchObject({ status: 'kept', kept_reason: `its repository ${own} no longer exists` });

    const [done] = await release(gone);
    expect(done).toMatchObject({ status: 'done', worktree: 'missing' });
    expect(sessionRow(coordinator, gone.sessionId)).toBeUndefined();
  });

  it('keeps a worktree that git refuses to remove', async () => {
    const w = await worker();
    // A locked worktree refuses `git worktree remove` (without a double force).
    git(repo, 'worktree', 'lock', '--reason', 'testing', w.worktreePath);
    const [result] = await release(w);
    expect(result).toMatchObject({ status: 'kept', worktree: 'kept' });
    expect(result?.reasons.join(' ')).toMatch(/locked/);
    expect(fs.existsSync(w.worktreePath)).toBe(true);
    expect(hasBranch(repo, w.branch)).toBe(true);
    expect(sessionRow(coordinator, w.sessionId)?.status).toBe('kept');

    git(repo, 'worktree', 'unlock', w.worktreePath);
    expect((await release(w))[0]).toMatchObject({ status: 'done', worktree: 'removed' });
  });

  // Last: its kept row stays.
  it('reports a worktree it cannot even inspect as failed, and keeps it and the row', async () => {
    const w = await worker();
    fs.writeFileSync(path.join(w.worktreePath, '.git'), 'gitdir: /nowhere\n');
    const [result] = await release(w);
    expect(result).toMatchObject({ status: 'failed', worktree: 'kept', branchOutcome: 'none' });
    expect(result?.reasons[0]).toContain('git status failed');
    expect(fs.existsSync(path.join(w.worktreePath, 'README.md'))).toBe(true);
    expect(hasBranch(repo, w.branch)).toBe(true);
    expect(sessionRow(coordinator, w.sessionId)).toMatchObject({ status: 'kept', kept_reason: result?.reasons[0] });
  });
});
