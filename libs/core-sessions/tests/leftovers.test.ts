import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, deadPid, git, makeRepo, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { cleanupLeftovers, cleanupSessions, openCoordinator, registerSession, repositoriesToTidy } from '../src';
import type { Coordinator, Registration } from '../src';
import { cleanHome, hasBranch, listedWorktrees, liveProcess, localBranches, sessionRow, sessionRows, stopLiveProcesses } from './support';

let home: TempHome;
let coordinator: Coordinator;
let repo: string;
let worktrees: string;

beforeEach(async () => {
  home = cleanHome();
  coordinator = await openCoordinator({ env: home.env });
  repo = makeRepo({ 'README.md': '# test\n', 'src/app.js': 'one\n' });
  worktrees = path.join(path.dirname(repo), 'repo-worktrees');
  await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
});

afterEach(async () => {
  await coordinator.close();
  await stopLiveProcesses();
});

afterAll(() => removeTempDirs());

const tidy = (options: { dryRun?: boolean; force?: boolean } = {}) => cleanupLeftovers(coordinator, { repos: [repo], env: home.env, ...options });

/** A worktree session whose row is then lost, as when a process died between git and the database. */
async function orphanWorktree(): Promise<Registration & { branch: string }> {
  const process: LiveProcess = liveProcess();
  const session = await registerSession(coordinator, { repo, pid: process.pid, env: home.env });
  coordinator.raw.prepare('delete from sessions where id = ?').run(session.sessionId);
  await process.kill();
  if (session.branch === null) throw new Error('a worktree session has a branch');
  return { ...session, branch: session.branch };
}

describe('cleanupLeftovers', () => {
  it('removes a clean worktree no session owns, with its empty branch; a dry run only reports it', async () => {
    const orphan = await orphanWorktree();

    const planned = await tidy({ dryRun: true });
    expect(planned).toEqual([{ repoPath: repo, kind: 'worktree', path: orphan.worktreePath, branch: orphan.branch, status: 'would-remove', reasons: [] }]);
    expect(fs.existsSync(orphan.worktreePath)).toBe(true);
    expect(hasBranch(repo, orphan.branch)).toBe(true);

    const [done] = await tidy();
    expect(done).toMatchObject({ kind: 'worktree', path: orphan.worktreePath, status: 'done' });
    expect(fs.existsSync(orphan.worktreePath)).toBe(false);
    expect(listedWorktrees(repo)).toEqual([repo]);
    expect(hasBranch(repo, orphan.branch)).toBe(false);
    expect(await tidy()).toEqual([]);
  });

  it('keeps a leftover worktree that holds work, and its branch with commits; --force removes the worktree only', async () => {
    const orphan = await orphanWorktree();
    commitFiles(orphan.worktreePath, { 'feature.js': 'work\n' }, 'work');
    writeFiles(orphan.worktreePath, { 'draft.md': 'not committed\n' });

    const [kept] = await tidy();
    expect(kept).toMatchObject({ kind: 'worktree', status: 'kept', reasons: ['worktree has 1 untracked file'] });
    expect(fs.readFileSync(path.join(orphan.worktreePath, 'draft.md'), 'utf8')).toBe('not committed\n');

    const [forced] = await tidy({ force: true });
    expect(forced).toMatchObject({ kind: 'worktree', status: 'done', reasons: [`branch ${orphan.branch} kept: 1 commit not in main`] });
    expect(fs.existsSync(orphan.worktreePath)).toBe(false);
    expect(hasBranch(repo, orphan.branch)).toBe(true);

    // Now a branch with neither worktree nor row: listed, kept, never deleted.
    expect(await tidy()).toEqual([{ repoPath: repo, kind: 'branch', path: null, branch: orphan.branch, status: 'kept', reasons: ['1 commit not in main'] }]);
    expect(hasBranch(repo, orphan.branch)).toBe(true);
  });

  it('deletes half-made session branches that are empty or integrated, and leaves other branches alone', async () => {
    git(repo, 'branch', 'parallel-cc/0badcafe');
    git(repo, 'branch', 'parallel-cc/1badcafe');
    git(repo, 'switch', '-q', 'parallel-cc/1badcafe');
    commitFiles(repo, { 'merged.js': 'm\n' }, 'merged');
    git(repo, 'switch', '-q', 'main');
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge', 'parallel-cc/1badcafe');
    git(repo, 'branch', 'feature/mine');
    git(repo, 'branch', 'parallel-cc/not-ours');

    const results = await tidy();
    expect(results.map((r) => [r.kind, r.branch, r.status]).sort()).toEqual([
      ['branch', 'parallel-cc/0badcafe', 'done'],
      ['branch', 'parallel-cc/1badcafe', 'done'],
    ]);
    expect(results.find((r) => r.branch === 'parallel-cc/0badcafe')?.reasons).toEqual(['no commits of its own']);
    expect(localBranches(repo).sort()).toEqual(['feature/mine', 'main', 'parallel-cc/not-ours']);
  });

  it('removes an empty or git-less folder left in the worktrees folder, and keeps one holding files', async () => {
    const empty = path.join(worktrees, 'parallel-cc-0000aaaa');
    const junk = path.join(worktrees, 'parallel-cc-0000bbbb');
    const holding = path.join(worktrees, 'parallel-cc-0000cccc');
    const notOurs = path.join(worktrees, 'my-own-folder');
    fs.mkdirSync(empty, { recursive: true });
    writeFiles(junk, { '.git': 'gitdir: /nowhere/.git/worktrees/parallel-cc-0000bbbb\n' });
    writeFiles(holding, { 'notes.md': 'mine\n' });
    fs.mkdirSync(notOurs);

    const results = await tidy();
    expect(results.map((r) => [r.kind, r.path, r.status]).sort()).toEqual(
      [
        ['folder', empty, 'done'],
        ['folder', junk, 'done'],
        ['folder', holding, 'kept'],
      ].sort(),
    );
    expect(results.find((r) => r.path === holding)?.reasons).toEqual(['not a git worktree any more, and holds 1 file']);
    expect(fs.existsSync(empty) || fs.existsSync(junk)).toBe(false);
    expect(fs.readFileSync(path.join(holding, 'notes.md'), 'utf8')).toBe('mine\n');
    expect(fs.existsSync(notOurs)).toBe(true);
  });

  it('prunes git\u2019s record of a leftover worktree whose folder was deleted by hand, and deletes its empty branch', async () => {
    const orphan = await orphanWorktree();
    fs.rmSync(orphan.worktreePath, { recursive: true, force: true });
    const [pruned] = await tidy();
    expect(pruned).toMatchObject({ kind: 'pruned-worktree', path: orphan.worktreePath, status: 'done' });
    expect(listedWorktrees(repo)).toEqual([repo]);
    expect(hasBranch(repo, orphan.branch)).toBe(false);
  });

  it('removes a worktree left half made by a `git worktree add` that died, whatever its checkout looks like', async () => {
    const folder = path.join(worktrees, 'parallel-cc-0000dddd');
    git(repo, 'worktree', 'add', '-q', '-b', 'parallel-cc/0000dddd', folder, 'main');
    // What git leaves when killed mid-checkout: the worktree still locked `initializing`, files missing.
    fs.writeFileSync(path.join(repo, '.git', 'worktrees', 'parallel-cc-0000dddd', 'locked'), 'initializing');
    fs.rmSync(path.join(folder, 'src'), { recursive: true });

    const [done] = await tidy();
    expect(done).toMatchObject({ kind: 'worktree', status: 'done', reasons: [expect.stringContaining('half made')] });
    expect(fs.existsSync(folder)).toBe(false);
    expect(listedWorktrees(repo)).toEqual([repo]);
    expect(hasBranch(repo, 'parallel-cc/0000dddd')).toBe(false);
  });

  it('leaves alone another repository’s worktree in a shared worktrees folder, even with --force', async () => {
    const shared = path.join(path.dirname(repo), 'all-worktrees');
    const other = makeRepo();
    const theirs = path.join(shared, 'parallel-cc-0000eeee');
    git(other, 'worktree', 'add', '-q', '-b', 'parallel-cc/0000eeee', theirs, 'main');
    writeFiles(theirs, { 'draft.md': 'theirs\n' });
    const env = { ...home.env, PARALLEL_CC_WORKTREES_DIR: shared };
    expect(await cleanupLeftovers(coordinator, { repos: [repo], env, force: true })).toEqual([]);
    expect(fs.readFileSync(path.join(theirs, 'draft.md'), 'utf8')).toBe('theirs\n');
  });

  it('keeps a leftover worktree the user locked', async () => {
    const orphan = await orphanWorktree();
    git(repo, 'worktree', 'lock', '--reason', 'on a usb stick', orphan.worktreePath);
    const [kept] = await tidy();
    expect(kept).toMatchObject({ status: 'kept', reasons: ['locked: on a usb stick'] });
    expect(fs.existsSync(orphan.worktreePath)).toBe(true);
  });

  it('never touches the place or branch of a session row, live or dead', async () => {
    const process = liveProcess();
    const live = await registerSession(coordinator, { repo, pid: process.pid, env: home.env });
    const dying = liveProcess();
    const dead = await registerSession(coordinator, { repo, pid: dying.pid, env: home.env });
    await dying.kill();
    expect(await tidy()).toEqual([]);
    expect(fs.existsSync(live.worktreePath) && fs.existsSync(dead.worktreePath)).toBe(true);
    expect(sessionRows(coordinator)).toHaveLength(3);
  });

  it('skips a repository that is gone, and lists the repositories of session rows', async () => {
    const other = makeRepo();
    await registerSession(coordinator, { repo: other, pid: liveProcess().pid, env: home.env });
    expect(await repositoriesToTidy(coordinator)).toEqual([repo, other].sort());
    expect(await repositoriesToTidy(coordinator, other)).toEqual([other]);
    fs.rmSync(other, { recursive: true, force: true });
    expect(await cleanupLeftovers(coordinator, { repos: [other], env: home.env })).toEqual([]);
  });
});

describe('a registration that died half way', () => {
  it('is cleaned up when its `git worktree add` was killed, although git marked the worktree as changed', async () => {
    const dying = liveProcess();
    const session = await registerSession(coordinator, { repo, pid: dying.pid, env: home.env });
    coordinator.raw.prepare("update sessions set status = 'registering' where id = ?").run(session.sessionId);
    fs.writeFileSync(path.join(repo, '.git', 'worktrees', path.basename(session.worktreePath), 'locked'), 'initializing');
    fs.rmSync(path.join(session.worktreePath, 'README.md'));
    await dying.kill();

    const [result] = await cleanupSessions(coordinator, { repo, env: home.env });
    expect(result).toMatchObject({ sessionId: session.sessionId, status: 'done', worktree: 'removed', branchOutcome: 'deleted' });
    expect(fs.existsSync(session.worktreePath)).toBe(false);
    expect(sessionRow(coordinator, session.sessionId)).toBeUndefined();
  });

  it('leaves a stalled registration of a live process to cleanup, and registering again gives that process a new place', async () => {
    const process = liveProcess();
    const stuck = await registerSession(coordinator, { repo, pid: process.pid, env: home.env });
    // The registering process was killed after reserving the row: no worktree, no answer.
    coordinator.raw.prepare("update sessions set status = 'registering' where id = ?").run(stuck.sessionId);
    await cleanupSessions(coordinator, { repo, env: home.env });
    expect(sessionRow(coordinator, stuck.sessionId)).toBeDefined();

    const later = new Date(Date.now() + 31 * 60 * 1000);
    const [taken] = await cleanupSessions(coordinator, { repo, env: home.env, now: later });
    expect(taken).toMatchObject({ sessionId: stuck.sessionId, status: 'done' });

    const again = await registerSession(coordinator, { repo, pid: process.pid, env: home.env });
    expect(again).toMatchObject({ created: true, isMainRepo: false });
    expect(again.sessionId).not.toBe(stuck.sessionId);
    expect(fs.existsSync(again.worktreePath)).toBe(true);
  });

  it('takes a registration of a live process over at once when the registering process is known to be dead', async () => {
    const stuck = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
    coordinator.raw
      .prepare("update sessions set status = 'registering', status_owner_pid = ?, status_owner_started = 'boot:1' where id = ?")
      .run(await deadPid(), stuck.sessionId);
    const [taken] = await cleanupSessions(coordinator, { repo, env: home.env });
    expect(taken).toMatchObject({ sessionId: stuck.sessionId, status: 'done', worktree: 'removed' });
    expect(fs.existsSync(stuck.worktreePath)).toBe(false);
  });
});
