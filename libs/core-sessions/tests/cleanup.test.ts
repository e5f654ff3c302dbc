import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid, git, makeRepo, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { cleanupSessions, openCoordinator, planCleanup, processStartTime, registerSession, RELEASE_TAKEOVER_MS, sessionStatus } from '../src';
import { needsCleanup } from '../src/sessions/cleanup';
import type { Coordinator, Registration } from '../src';
import { cleanHome, hasBranch, listedWorktrees, liveProcess, requireRow, sessionRow, sessionRows, stopLiveProcesses } from './support';

let home: TempHome;
let coordinator: Coordinator;
let repo: string;
let mainHolder: LiveProcess;
let main: Registration;

beforeEach(async () => {
  home = cleanHome();
  coordinator = await openCoordinator({ env: home.env });
  repo = makeRepo({ 'README.md': '# test\n', 'src/app.js': 'one\n' });
  mainHolder = liveProcess();
  main = await registerSession(coordinator, { repo, pid: mainHolder.pid, env: home.env });
});

afterEach(async () => {
  await coordinator.close();
  await stopLiveProcesses();
});

afterAll(() => removeTempDirs());

/** A worktree session whose process is returned, so that the test can end it. */
async function worker(inRepo = repo): Promise<{ session: Registration; process: LiveProcess }> {
  const process = liveProcess();
  const session = await registerSession(coordinator, { repo: inRepo, pid: process.pid, env: home.env });
  return { session, process };
}

const cleanup = (options: { force?: boolean; repo?: string } = {}) => cleanupSessions(coordinator, { env: home.env, ...options });

describe('cleanupSessions', () => {
  it('leaves live sessions alone', async () => {
    const { session } = await worker();
    expect(await cleanup()).toEqual([]);
    expect(sessionRows(coordinator)).toHaveLength(2);
    expect(fs.existsSync(session.worktreePath)).toBe(true);
  });

  it('removes dead sessions: the main checkout is freed, a clean worktree and its empty branch go', async () => {
    const { session, process } = await worker();
    await process.kill();
    await mainHolder.kill();
    const results = await cleanup();
    expect(results.map((r) => [r.sessionId, r.status, r.worktree, r.branchOutcome]).sort()).toEqual(
      [
        [main.sessionId, 'done', 'main', 'none'],
        [session.sessionId, 'done', 'removed', 'deleted'],
      ].sort(),
    );
    expect(sessionRows(coordinator)).toEqual([]);
    expect(fs.existsSync(session.worktreePath)).toBe(false);
    expect(hasBranch(repo, session.branch)).toBe(false);
    expect(fs.existsSync(path.join(repo, 'README.md'))).toBe(true);
  });

  it('keeps a dead session\u2019s worktree that holds work, retries it later, and removes it with force', async () => {
    const { session, process } = await worker();
    writeFiles(session.worktreePath, { 'draft.md': 'not committed\n' });
    await process.kill();

    const [kept] = await cleanup();
    expect(kept).toMatchObject({ sessionId: session.sessionId, status: 'kept', worktree: 'kept', reasons: ['worktree has 1 untracked file'] });
    expect(sessionRow(coordinator, session.sessionId)).toMatchObject({ status: 'kept', kept_reason: 'worktree has 1 untracked file' });
    expect(fs.readFileSync(path.join(session.worktreePath, 'draft.md'), 'utf8')).toBe('not committed\n');
    const info = (await sessionStatus(coordinator)).sessions.find((s) => s.sessionId === session.sessionId);
    expect(info).toMatchObject({ state: 'kept', keptReason: 'worktree has 1 untracked file' });

    // Still holding work: kept again.
    const [again] = await cleanup();
    expect(again).toMatchObject({ status: 'kept' });
    expect(fs.existsSync(path.join(session.worktreePath, 'draft.md'))).toBe(true);

    const [forced] = await cleanup({ force: true });
    expect(forced).toMatchObject({ sessionId: session.sessionId, status: 'done', worktree: 'removed' });
    expect(fs.existsSync(session.worktreePath)).toBe(false);
    expect(sessionRow(coordinator, session.sessionId)).toBeUndefined();
  });

  it('removes a kept worktree once its work was saved elsewhere', async () => {
    const { session, process } = await worker();
    writeFiles(session.worktreePath, { 'draft.md': 'x\n' });
    await process.kill();
    expect((await cleanup())[0]?.status).toBe('kept');
    fs.rmSync(path.join(session.worktreePath, 'draft.md'));
    const [done] = await cleanup();
    expect(done).toMatchObject({ status: 'done', worktree: 'removed' });
    expect(sessionRow(coordinator, session.sessionId)).toBeUndefined();
  });

  it('does not count a PID reused by another process as the session\u2019s', async () => {
    const { session, process } = await worker();
    // The same PID with another start time: the registered process is gone and something else has its PID.
    coordinator.raw.prepare('update sessions set pid_started = ? where id = ?').run('00000000:1', session.sessionId);
    const info = (await sessionStatus(coordinator)).sessions.find((s) => s.sessionId === session.sessionId);
    expect(info?.state).toBe('stale');

    const results = await cleanup();
    expect(results).toEqual([expect.objectContaining({ sessionId: session.sessionId, status: 'done', worktree: 'removed' })]);
    expect(sessionRow(coordinator, session.sessionId)).toBeUndefined();
    expect(fs.existsSync(session.worktreePath)).toBe(false);
    expect(fs.existsSync(`/proc/${process.pid}`)).toBe(true);
  });

  it('removes the row of a worktree whose folder was deleted by hand, and prunes git\u2019s record of it', async () => {
    const { session, process } = await worker();
    await process.kill();
    fs.rmSync(session.worktreePath, { recursive: true, force: true });
    expect(listedWorktrees(repo)).toContain(session.worktreePath);
    const [result] = await cleanup();
    expect(result).toMatchObject({ status: 'done', worktree: 'missing' });
    expect(sessionRow(coordinator, session.sessionId)).toBeUndefined();
    expect(listedWorktrees(repo)).toEqual([repo]);
    expect(git(repo, 'worktree', 'list', '--porcelain')).not.toContain('prunable');
  });

  it('limits itself to one repository when asked', async () => {
    const other = makeRepo();
    const here = await worker();
    const there = await worker(other);
    await here.process.kill();
    await there.process.kill();
    const results = await cleanup({ repo: other });
    expect(results.map((r) => r.sessionId)).toEqual([there.session.sessionId]);
    expect(sessionRow(coordinator, here.session.sessionId)).toBeDefined();
    expect(fs.existsSync(here.session.worktreePath)).toBe(true);

    const rest = await cleanup();
    expect(rest.map((r) => r.sessionId)).toEqual([here.session.sessionId]);
  });

  it('takes over a release that stalled, but not one that is under way', async () => {
    const stalled = await worker();
    const busy = await worker();
    const longAgo = new Date(Date.now() - RELEASE_TAKEOVER_MS - 1000).toISOString();
    const update = coordinator.raw.prepare("update sessions set status = 'releasing', status_changed_at = ? where id = ?");
    update.run(longAgo, stalled.session.sessionId);
    update.run(new Date().toISOString(), busy.session.sessionId);
    const results = await cleanup();
    expect(results).toEqual([expect.objectContaining({ sessionId: stalled.session.sessionId, status: 'done' })]);
    expect(fs.existsSync(stalled.session.worktreePath)).toBe(false);
    expect(fs.existsSync(busy.session.worktreePath)).toBe(true);
    expect(sessionRow(coordinator, busy.session.sessionId)?.status).toBe('releasing');
  });
});

describe('planCleanup (a dry run)', () => {
  it('reports would-release and would-keep, and changes nothing', async () => {
    const clean = await worker();
    const dirty = await worker();
    const live = await worker();
    writeFiles(dirty.session.worktreePath, { 'src/app.js': 'changed\n' });
    await clean.process.kill();
    await dirty.process.kill();
    const rowsBefore = sessionRows(coordinator);
    const worktreesBefore = listedWorktrees(repo);

    const plans = await planCleanup(coordinator, { repo, env: home.env });
    expect(plans.sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      {
        sessionId: dirty.session.sessionId,
        worktreePath: dirty.session.worktreePath,
        isMainRepo: false,
        branch: dirty.session.branch,
        status: 'would-keep',
        reasons: ['worktree has 1 uncommitted change'],
      },
      {
        sessionId: clean.session.sessionId,
        worktreePath: clean.session.worktreePath,
        isMainRepo: false,
        branch: clean.session.branch,
        status: 'would-release',
        reasons: [],
      },
    ]);
    expect(sessionRows(coordinator)).toEqual(rowsBefore);
    expect(listedWorktrees(repo)).toEqual(worktreesBefore);
    expect(hasBranch(repo, clean.session.branch)).toBe(true);
    expect(fs.existsSync(live.session.worktreePath)).toBe(true);

    const forced = await planCleanup(coordinator, { force: true });
    expect(forced.map((p) => p.status)).toEqual(['would-release', 'would-release']);
    expect(sessionRows(coordinator)).toEqual(rowsBefore);
  });

  it('says why it cannot look into a worktree', async () => {
    const broken = await worker();
    fs.writeFileSync(path.join(broken.session.worktreePath, '.git'), 'gitdir: /nowhere\n');
    await broken.process.kill();
    const [plan] = await planCleanup(coordinator);
    expect(plan?.status).toBe('would-keep');
    expect(plan?.reasons[0]).toContain('git status failed');
  });
});

describe('needsCleanup', () => {
  it('is true for dead, kept and stalled rows, false for live rows and releases under way', () => {
    const row = requireRow(coordinator, main.sessionId);
    const now = new Date();
    expect(needsCleanup(row, now)).toBe(false);
    expect(needsCleanup({ ...row, status: 'kept' }, now)).toBe(true);
    expect(needsCleanup({ ...row, pid_started: 'reused:1' }, now)).toBe(true);
    expect(needsCleanup({ ...row, status: 'releasing', status_changed_at: now.toISOString() }, now)).toBe(false);
    expect(needsCleanup({ ...row, status: 'releasing', status_changed_at: now.toISOString() }, new Date(now.getTime() + RELEASE_TAKEOVER_MS + 1))).toBe(true);
  });

  it('is true at once for a mark whose process died or was replaced, and never for one whose process runs', async () => {
    const row = requireRow(coordinator, main.sessionId);
    const now = new Date();
    const later = new Date(now.getTime() + RELEASE_TAKEOVER_MS + 1);
    const mine = { status_owner_pid: process.pid, status_owner_started: processStartTime(process.pid) };
    const dead = { status_owner_pid: await deadPid(), status_owner_started: 'boot:1' };
    const replaced = { status_owner_pid: process.pid, status_owner_started: 'reused:1' };
    const releasing = { ...row, status: 'releasing' as const, status_changed_at: now.toISOString() };
    expect(needsCleanup({ ...releasing, ...mine }, later)).toBe(false);
    expect(needsCleanup({ ...releasing, ...dead }, now)).toBe(true);
    expect(needsCleanup({ ...releasing, ...replaced }, now)).toBe(true);
    // The session itself lives on, but its registration died: nobody will tell it its place.
    const registering = { ...row, status: 'registering' as const, status_changed_at: now.toISOString() };
    expect(needsCleanup({ ...registering, ...dead }, now)).toBe(true);
    expect(needsCleanup({ ...registering, ...mine }, later)).toBe(false);
  });
});
