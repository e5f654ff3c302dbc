import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, makeTempDir, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { openCoordinator, processStartTime, registerSession, sessionStatus } from '../src';
import type { Coordinator } from '../src';
import { cleanHome, hasBranch, listedWorktrees, liveProcess, rejectionOf, sessionRow, sessionRows, stopLiveProcesses } from './support';

let home: TempHome;
let coordinator: Coordinator;

beforeEach(async () => {
  home = cleanHome();
  coordinator = await openCoordinator({ env: home.env });
});

afterEach(async () => {
  await coordinator.close();
  await stopLiveProcesses();
});

afterAll(() => removeTempDirs());

const register = (repo: string, pid: number, env = home.env) => registerSession(coordinator, { repo, pid, env });

describe('registerSession', () => {
  it('gives the first session the main checkout', async () => {
    const repo = makeRepo();
    const holder = liveProcess();
    const r = await register(repo, holder.pid);
    expect(r).toMatchObject({
      worktreePath: repo,
      worktreeName: null,
      isMainRepo: true,
      parallelSessions: 1,
      repoPath: repo,
      branch: 'main',
      baseBranch: 'main',
      workingDirectory: repo,
      created: true,
      warnings: [],
    });
    expect(r.sessionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const rows = sessionRows(coordinator);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: r.sessionId,
      repo_path: repo,
      worktree_path: repo,
      is_main_repo: 1,
      pid: holder.pid,
      pid_started: processStartTime(holder.pid),
      status: 'active',
      branch: 'main',
      base_branch: 'main',
    });
    expect(rows[0]?.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(fs.existsSync(`${repo}-worktrees`)).toBe(false);
    expect(listedWorktrees(repo)).toEqual([repo]);
  });

  it('gives every further live session its own worktree on its own branch from the main checkout\u2019s branch', async () => {
    const repo = makeRepo();
    await register(repo, liveProcess().pid);
    const second = await register(repo, liveProcess().pid);
    const third = await register(repo, liveProcess().pid);

    for (const [r, count] of [[second, 2], [third, 3]] as const) {
      const branch = `parallel-cc/${r.sessionId.replace(/-/g, '').slice(0, 8)}`;
      const folder = path.join(`${repo}-worktrees`, branch.replace('/', '-'));
      expect(r).toMatchObject({
        isMainRepo: false,
        branch,
        baseBranch: 'main',
        worktreePath: folder,
        worktreeName: path.basename(folder),
        workingDirectory: folder,
        parallelSessions: count,
        created: true,
      });
      expect(fs.existsSync(path.join(folder, 'README.md'))).toBe(true);
      expect(hasBranch(repo, branch)).toBe(true);
      expect(git(folder, 'rev-parse', 'HEAD')).toBe(git(repo, 'rev-parse', 'main'));
      expect(sessionRow(coordinator, r.sessionId)).toMatchObject({ status: 'active', worktree_path: folder, is_main_repo: 0, branch, status_owner_pid: null });
    }
    expect(listedWorktrees(repo).sort()).toEqual([repo, second.worktreePath, third.worktreePath].sort());
  });

  it('returns the same session when a live PID registers twice', async () => {
    const repo = makeRepo();
    const main = liveProcess();
    const other = liveProcess();
    const first = await register(repo, main.pid);
    const firstWorktree = await register(repo, other.pid);
    const again = await register(repo, main.pid);
    const againWorktree = await register(repo, other.pid);
    expect(again).toMatchObject({ sessionId: first.sessionId, isMainRepo: true, created: false, parallelSessions: 2 });
    expect(againWorktree).toMatchObject({ sessionId: firstWorktree.sessionId, worktreePath: firstWorktree.worktreePath, created: false });
    expect(sessionRows(coordinator)).toHaveLength(2);
    expect(listedWorktrees(repo)).toHaveLength(2);
  });

  it('hands the main checkout on when its holder died, and removes the dead row', async () => {
    const repo = makeRepo();
    const holder = liveProcess();
    const dead = await register(repo, holder.pid);
    const worker = await register(repo, liveProcess().pid);
    await holder.kill();

    const next = await register(repo, liveProcess().pid);
    expect(next).toMatchObject({ isMainRepo: true, worktreePath: repo, parallelSessions: 2, created: true });
    expect(sessionRow(coordinator, dead.sessionId)).toBeUndefined();
    expect(sessionRows(coordinator).map((r) => r.id).sort()).toEqual([next.sessionId, worker.sessionId].sort());
    expect(sessionRows(coordinator).filter((r) => r.is_main_repo === 1)).toHaveLength(1);
  });

  it("with placement 'worktree' gives a worktree even when the main checkout is free, and leaves it free", async () => {
    const repo = makeRepo();
    const run = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env, placement: 'worktree' });
    const branch = `parallel-cc/${run.sessionId.replace(/-/g, '').slice(0, 8)}`;
    expect(run).toMatchObject({ isMainRepo: false, branch, baseBranch: 'main', parallelSessions: 1, created: true });
    expect(run.worktreePath).toBe(path.join(`${repo}-worktrees`, branch.replace('/', '-')));
    expect(fs.existsSync(path.join(run.worktreePath, 'README.md'))).toBe(true);
    expect(sessionRow(coordinator, run.sessionId)).toMatchObject({ is_main_repo: 0, status: 'active', branch });

    const next = await register(repo, liveProcess().pid);
    expect(next).toMatchObject({ isMainRepo: true, worktreePath: repo, parallelSessions: 2 });
    const bad = await rejectionOf(registerSession(coordinator, { repo, pid: liveProcess().pid, placement: 'main' as 'auto' }));
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('placement "main"') });
  });

  it('never gives the main checkout to a kept row, nor counts kept rows in parallelSessions', async () => {
    const repo = makeRepo();
    const holder = liveProcess();
    const worker = liveProcess();
    await register(repo, holder.pid);
    const dirty = await register(repo, worker.pid);
    writeFiles(dirty.worktreePath, { 'notes.txt': 'unsaved\n' });
    await worker.kill();
    await holder.kill();

    const next = await register(repo, liveProcess().pid);
    expect(next).toMatchObject({ isMainRepo: true, parallelSessions: 1 });
    expect(sessionRow(coordinator, dirty.sessionId)).toMatchObject({ status: 'kept', is_main_repo: 0, status_owner_pid: null });
    expect(sessionRow(coordinator, dirty.sessionId)?.kept_reason).toContain('1 untracked file');
    expect(fs.readFileSync(path.join(dirty.worktreePath, 'notes.txt'), 'utf8')).toBe('unsaved\n');

    const after = await register(repo, liveProcess().pid);
    expect(after).toMatchObject({ isMainRepo: false, parallelSessions: 2 });
    const states = (await sessionStatus(coordinator, { repoRoot: repo })).sessions.map((s) => [s.sessionId, s.state]);
    expect(states).toEqual(
      expect.arrayContaining([
        [dirty.sessionId, 'kept'],
        [next.sessionId, 'live'],
        [after.sessionId, 'live'],
      ]),
    );
  });

  it('works from a subfolder and from inside a worktree, and starts the agent in the same subfolder', async () => {
    const repo = makeRepo({ 'README.md': '#\n', 'packages/web/index.js': '1\n' });
    writeFiles(repo, { 'scratch/untracked.txt': 'x\n' });
    const main = await register(path.join(repo, 'packages', 'web'), liveProcess().pid);
    expect(main).toMatchObject({ isMainRepo: true, repoPath: repo, workingDirectory: path.join(repo, 'packages', 'web') });

    const sub = await register(path.join(repo, 'packages', 'web'), liveProcess().pid);
    expect(sub.repoPath).toBe(repo);
    expect(sub.workingDirectory).toBe(path.join(sub.worktreePath, 'packages', 'web'));

    // A folder that only exists in the main checkout: the agent starts at the worktree's top.
    const untracked = await register(path.join(repo, 'scratch'), liveProcess().pid);
    expect(untracked.workingDirectory).toBe(untracked.worktreePath);

    // Registering from inside a worktree belongs to the same repository.
    const fromWorktree = await register(sub.worktreePath, liveProcess().pid);
    expect(fromWorktree).toMatchObject({ repoPath: repo, isMainRepo: false, parallelSessions: 4 });
    expect(path.dirname(fromWorktree.worktreePath)).toBe(`${repo}-worktrees`);
  });

  it('starts worktrees from the branch the main checkout has, and records it as the base', async () => {
    const repo = makeRepo();
    git(repo, 'checkout', '-q', '-b', 'feature');
    const tip = commitFiles(repo, { 'feature.txt': 'f\n' });
    const main = await register(repo, liveProcess().pid);
    const worker = await register(repo, liveProcess().pid);
    expect(main).toMatchObject({ branch: 'feature', baseBranch: 'feature' });
    expect(worker.baseBranch).toBe('feature');
    expect(git(worker.worktreePath, 'rev-parse', 'HEAD')).toBe(tip);
    expect(sessionRow(coordinator, worker.sessionId)?.base_branch).toBe('feature');
  });

  it('records no branch for a main checkout with a detached HEAD, and bases worktrees on its commit', async () => {
    const repo = makeRepo();
    const head = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'checkout', '-q', '--detach');
    const main = await register(repo, liveProcess().pid);
    const worker = await register(repo, liveProcess().pid);
    expect(main).toMatchObject({ isMainRepo: true, branch: null, baseBranch: head });
    expect(worker.baseBranch).toBe(head);
    expect(git(worker.worktreePath, 'rev-parse', 'HEAD')).toBe(head);
  });

  it('puts worktrees where PARALLEL_CC_WORKTREES_DIR says', async () => {
    const repo = makeRepo();
    const dir = makeTempDir('pcc-wt-');
    const env = { ...home.env, PARALLEL_CC_WORKTREES_DIR: dir };
    await register(repo, liveProcess().pid, env);
    const worker = await register(repo, liveProcess().pid, env);
    expect(path.dirname(worker.worktreePath)).toBe(dir);
    expect(fs.existsSync(worker.worktreePath)).toBe(true);
    expect(fs.existsSync(`${repo}-worktrees`)).toBe(false);
  });

  it('reports a failing post-create command as a warning and still registers', async () => {
    const repo = makeRepo();
    git(repo, 'config', 'parallel-cc.postCreate', 'exit 3');
    await register(repo, liveProcess().pid);
    const worker = await register(repo, liveProcess().pid);
    expect(worker.warnings).toHaveLength(1);
    expect(worker.warnings[0]).toContain('code 3');
    expect(sessionRow(coordinator, worker.sessionId)?.status).toBe('active');
  });

  it('leaves no row behind when the worktree cannot be made', async () => {
    const repo = makeRepo();
    const main = await register(repo, liveProcess().pid);
    fs.writeFileSync(`${repo}-worktrees`, 'a file where the worktrees folder should be\n');
    const error = await rejectionOf(register(repo, liveProcess().pid));
    expect(error.message).toContain(`${repo}-worktrees`);
    expect(sessionRows(coordinator).map((r) => r.id)).toEqual([main.sessionId]);
    expect(listedWorktrees(repo)).toEqual([repo]);
  });

  it('keeps sessions of different repositories apart', async () => {
    const first = makeRepo();
    const second = makeRepo();
    const pid = liveProcess().pid;
    const a = await register(first, pid);
    const b = await register(second, pid);
    expect(a).toMatchObject({ isMainRepo: true, repoPath: first });
    expect(b).toMatchObject({ isMainRepo: true, repoPath: second, parallelSessions: 1, created: true });
    expect(a.sessionId).not.toBe(b.sessionId);
  });
});
