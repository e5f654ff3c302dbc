import * as path from 'node:path';
import { processStartTime, registerSession, releaseSession } from '@parallel-cc/core-sessions';
import { deadPid, makeRepo, startLiveProcess } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { createRun, e2bRunnerMigrations, findRun, getRun, isRunAlive, listRuns, openRunnerCoordinator, updateRun } from '../src';
import type { RunnerCoordinator, SandboxRun } from '../src';
import { cleanUp, openFresh, registerRunSession, rejectionOf } from './support';

let home: TempHome;
let coordinator: RunnerCoordinator;

beforeEach(async () => {
  ({ home, coordinator } = await openFresh());
});

afterEach(async () => {
  await coordinator.close();
  await cleanUp();
});

const logPath = '/tmp/pcc-run.log';

async function newRun(repo = makeRepo(), prompt = 'Fix the bug'): Promise<{ run: SandboxRun; repo: string; sessionId: string; worktreePath: string }> {
  const session = await registerRunSession(coordinator, repo, home);
  const run = await createRun(coordinator, { sessionId: session.sessionId, provider: 'local', prompt, logPath, runnerPid: session.process.pid });
  return { run, repo, sessionId: session.sessionId, worktreePath: session.worktreePath };
}

describe('e2bRunnerMigrations', () => {
  test('create sandbox_runs under their own migration table, once; the table checks provider and status', async () => {
    expect(coordinator.migrated).toContainEqual({ lib: 'e2b-runner', applied: Object.keys(e2bRunnerMigrations.migrations) });
    const again = await openRunnerCoordinator(home.env);
    expect(again.migrated).toContainEqual({ lib: 'e2b-runner', applied: [] });
    await again.close();
    const names = (coordinator.raw.prepare("select name from sqlite_master where type in ('table', 'index') order by name").all() as Array<{ name: string }>).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['sandbox_runs', 'sandbox_runs_session', 'sandbox_runs_repo', 'e2b_runner_migrations']));

    const { run } = await newRun();
    const insert = (changes: Record<string, unknown>) =>
      coordinator.raw
        .prepare(
          `insert into sandbox_runs (id, session_id, repo_path, worktree_path, provider, prompt, status, created_at, log_path, runner_pid, runner_started)
           values (@id, @session_id, '/r', '/w', @provider, 'p', @status, 'now', '/l', 1, 'x')`,
        )
        .run({ id: 'r', session_id: 's', provider: 'e2b', status: 'pending', ...changes });
    expect(() => insert({ status: 'paused' })).toThrow(/CHECK constraint failed/);
    expect(() => insert({ provider: 'docker' })).toThrow(/CHECK constraint failed/);
    expect(() => insert({ session_id: run.sessionId })).toThrow(/UNIQUE constraint failed/);
  });
});

describe('createRun', () => {
  test('records a pending run of a worktree session, with its runner’s start time', async () => {
    const { run, repo, sessionId, worktreePath } = await newRun(undefined, 'Say "hi" $HOME `x`\n');
    expect(run).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sessionId,
      repoPath: repo,
      worktreePath,
      provider: 'local',
      sandboxId: null,
      prompt: 'Say "hi" $HOME `x`\n',
      status: 'pending',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      startedAt: null,
      endedAt: null,
      exitCode: null,
      branch: null,
      prUrl: null,
      logPath,
      error: null,
      runnerPid: expect.any(Number),
      runnerStarted: processStartTime(run.runnerPid),
    });
    expect(worktreePath).not.toBe(repo);
    expect(await getRun(coordinator, { id: run.id })).toEqual(run);
    expect(await getRun(coordinator, { sessionId })).toEqual(run);
  });

  test('refuses a missing session, a main-checkout session, a second run of a session, a dead runner and bad input', async () => {
    const repo = makeRepo();
    const missing = await rejectionOf(createRun(coordinator, { sessionId: '123e4567-e89b-42d3-a456-426614174000', provider: 'e2b', prompt: 'p', logPath }));
    expect(missing).toMatchObject({ code: 'SESSION_NOT_FOUND' });

    const holder = startLiveProcess();
    try {
      const main = await registerSession(coordinator, { repo, pid: holder.pid, env: home.env });
      expect(main.isMainRepo).toBe(true);
      const inMain = await rejectionOf(createRun(coordinator, { sessionId: main.sessionId, provider: 'e2b', prompt: 'p', logPath }));
      expect(inMain).toMatchObject({ code: 'RUN_IN_MAIN_CHECKOUT', message: expect.stringContaining("placement 'worktree'") });
    } finally {
      await holder.kill();
    }

    const { run, sessionId } = await newRun(repo);
    const twice = await rejectionOf(createRun(coordinator, { sessionId, provider: 'local', prompt: 'again', logPath }));
    expect(twice).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(run.id) });

    const other = await registerRunSession(coordinator, repo, home);
    const dead = await rejectionOf(createRun(coordinator, { sessionId: other.sessionId, provider: 'local', prompt: 'p', logPath, runnerPid: await deadPid() }));
    expect(dead).toMatchObject({ code: 'PROCESS_NOT_RUNNING' });

    const bad = [
      { sessionId: 'nope', provider: 'local', prompt: 'p', logPath },
      { sessionId: other.sessionId, provider: 'docker', prompt: 'p', logPath },
      { sessionId: other.sessionId, provider: 'local', prompt: '', logPath },
      { sessionId: other.sessionId, provider: 'local', prompt: 'p', logPath: 'relative.log' },
      { sessionId: other.sessionId, provider: 'local', prompt: 'p', logPath, extra: 1 },
    ];
    for (const options of bad) {
      const error = await rejectionOf(createRun(coordinator, options as never));
      expect(error).toMatchObject({ code: 'INVALID_INPUT', name: 'SandboxError' });
    }
  });
});

describe('findRun', () => {
  test("finds a run by its session's id or its own, whole or by their first hex digits, in any case", async () => {
    const { run, sessionId } = await newRun();
    for (const id of [sessionId, run.id, sessionId.slice(0, 8), run.id.slice(0, 8), sessionId.slice(0, 4).toUpperCase(), ` ${run.id} `]) {
      expect(await findRun(coordinator, id)).toEqual(run);
    }
  });

  test('a part that begins several ids is refused, naming them; an unknown id is RUN_NOT_FOUND; other text is no id', async () => {
    const repo = makeRepo();
    // Long enough a common part that no random session id begins with it too.
    const ids = ['abcdef01-1111-4000-8000-000000000000', 'abcdef01-2222-4000-8000-000000000000'];
    for (const id of ids) {
      const session = await registerRunSession(coordinator, repo, home);
      await createRun(coordinator, { id, sessionId: session.sessionId, provider: 'local', prompt: 'p', logPath, runnerPid: session.process.pid });
    }
    const ambiguous = await rejectionOf(findRun(coordinator, 'abcdef01'));
    expect(ambiguous).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^abcdef01 begins 2 sandbox runs' ids \(session .+ \(run abcdef01-1111-.+\), session .+ \(run abcdef01-2222-.+\)\): give more of it\.$/) });
    expect((await findRun(coordinator, 'abcdef01-2222')).id).toBe(ids[1]);

    expect(await rejectionOf(findRun(coordinator, '0123456789ab'))).toMatchObject({
      code: 'RUN_NOT_FOUND',
      message: 'No sandbox run has the session or run id 0123456789ab: see `parallel-cc status --sandbox-only`.',
    });
    for (const bad of ['', 'abc', 'xyz12345', '1a2b%', '../1a2b3c4d', '-1a2b3c4d', 'a'.repeat(40)]) {
      const refused = await rejectionOf(findRun(coordinator, bad));
      expect(refused).toMatchObject({ code: 'INVALID_INPUT', message: `${JSON.stringify(bad)} is not a session or run id: give the id \`sandbox run\` printed (8 hex digits such as 1a2b3c4d, or the whole id).` });
    }
  });
});

describe('updateRun', () => {
  test('moves a run forward, stamping when it started and ended; a final run keeps its status', async () => {
    const { run } = await newRun();
    expect(await updateRun(coordinator, run.id, { status: 'uploading', sandboxId: 'sbx-1' })).toMatchObject({ status: 'uploading', sandboxId: 'sbx-1', startedAt: null });
    const running = await updateRun(coordinator, run.id, { status: 'running' });
    expect(running.startedAt).toMatch(/Z$/);
    const done = await updateRun(coordinator, run.id, { status: 'completed', exitCode: 0, branch: 'e2b/fix-the-bug-2025-01-31-12-00' });
    expect(done).toMatchObject({ status: 'completed', exitCode: 0, startedAt: running.startedAt, branch: 'e2b/fix-the-bug-2025-01-31-12-00' });
    expect(done.endedAt).toMatch(/Z$/);

    for (const status of ['running', 'failed', 'pending'] as const) {
      const refused = await rejectionOf(updateRun(coordinator, run.id, { status }));
      expect(refused).toMatchObject({ code: 'INVALID_TRANSITION', message: `The run ${run.id} has already ended (completed); its status cannot become ${status}.` });
    }
    // git-live adds the pull request after the result is back.
    const withPr = await updateRun(coordinator, run.id, { prUrl: 'https://github.com/o/r/pull/7', status: 'completed' });
    expect(withPr).toMatchObject({ status: 'completed', prUrl: 'https://github.com/o/r/pull/7', endedAt: done.endedAt });
    expect(await getRun(coordinator, { id: run.id })).toEqual(withPr);
  });

  test('refuses going back, unknown runs and bad changes; may end a run straight from pending', async () => {
    const { run } = await newRun();
    await updateRun(coordinator, run.id, { status: 'downloading' });
    expect(await rejectionOf(updateRun(coordinator, run.id, { status: 'uploading' }))).toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining('cannot go back') });
    expect(await rejectionOf(updateRun(coordinator, '123e4567-e89b-42d3-a456-426614174000', { status: 'failed' }))).toMatchObject({ code: 'RUN_NOT_FOUND' });
    for (const patch of [{ status: 'paused' }, { exitCode: 1.5 }, { prUrl: 'not a url' }, { startedAt: 'yesterday' }, { pid: 3 }]) {
      expect(await rejectionOf(updateRun(coordinator, run.id, patch as never))).toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(await rejectionOf(updateRun(coordinator, 'x', {}))).toMatchObject({ code: 'INVALID_INPUT' });

    const second = await newRun();
    const failed = await updateRun(coordinator, second.run.id, { status: 'failed', error: 'upload failed: ENOSPC', endedAt: '2025-01-31T12:00:00.000Z' });
    expect(failed).toMatchObject({ status: 'failed', error: 'upload failed: ENOSPC', endedAt: '2025-01-31T12:00:00.000Z', startedAt: null });
  });
});

describe('listRuns and isRunAlive', () => {
  test('list by repository (from any of its folders) and by whether runs have ended', async () => {
    const repoA = makeRepo();
    const repoB = makeRepo();
    const a1 = await newRun(repoA);
    const a2 = await newRun(repoA);
    const b1 = await newRun(repoB);
    await updateRun(coordinator, a1.run.id, { status: 'killed' });
    expect((await listRuns(coordinator)).map((r) => r.id)).toEqual([a1.run.id, a2.run.id, b1.run.id]);
    expect((await listRuns(coordinator, { repo: repoA })).map((r) => r.id)).toEqual([a1.run.id, a2.run.id]);
    expect((await listRuns(coordinator, { repo: a2.worktreePath })).map((r) => r.id)).toEqual([a1.run.id, a2.run.id]);
    expect((await listRuns(coordinator, { repo: path.join(repoA, '.'), activeOnly: true })).map((r) => r.id)).toEqual([a2.run.id]);
    expect(await listRuns(coordinator, { repo: '/no/such/repo' })).toEqual([]);
    expect(await rejectionOf(listRuns(coordinator, { repo: '' }))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  test('a run is alive while its runner is the process that started it', async () => {
    const live = startLiveProcess();
    try {
      const started = processStartTime(live.pid) ?? 'not running';
      expect(isRunAlive({ runnerPid: live.pid, runnerStarted: started })).toBe(true);
      // The same PID with another start time is a reused PID: not the runner.
      expect(isRunAlive({ runnerPid: live.pid, runnerStarted: `${started}0` })).toBe(false);
    } finally {
      await live.kill();
    }
    expect(isRunAlive({ runnerPid: await deadPid(), runnerStarted: 'boot:1' })).toBe(false);
  });

  test('a run’s record outlives its session', async () => {
    const { run, sessionId } = await newRun();
    await updateRun(coordinator, run.id, { status: 'completed', exitCode: 0 });
    await releaseSession(coordinator, { sessionId }, { env: home.env, force: true });
    expect(coordinator.raw.prepare('select count(*) as n from sessions where id = ?').get(sessionId)).toEqual({ n: 0 });
    expect(await getRun(coordinator, { sessionId })).toMatchObject({ id: run.id, status: 'completed' });
  });
});
