import * as fs from 'node:fs';
import { makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { openCoordinator, registerSession, releaseSession, sessionStatus } from '../src';
import type { Coordinator, RegisterOptions } from '../src';
import { cleanHome, listedWorktrees, liveProcess, sessionErrorOf, sessionRow, sessionRows, stopLiveProcesses } from './support';

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

const register = (repo: string, more: Partial<RegisterOptions> = {}) =>
  registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env, ...more });

describe('how a session started, and its parent', () => {
  it('records `wrapper` and no parent by default, and each origin and parent it is given', async () => {
    const repo = makeRepo();
    const main = await register(repo);
    const byClaude = await register(repo, { origin: 'claude-worktree' });
    const subagent = await register(repo, { origin: 'subagent', parentSessionId: byClaude.sessionId });
    const sandbox = await register(repo, { origin: 'sandbox', placement: 'worktree' });
    const wrapped = await register(repo, { origin: 'wrapper', parentSessionId: main.sessionId });

    const rows = new Map(sessionRows(coordinator).map((r) => [r.id, [r.origin, r.parent_session_id]]));
    expect(Object.fromEntries(rows)).toEqual({
      [main.sessionId]: ['wrapper', null],
      [byClaude.sessionId]: ['claude-worktree', null],
      [subagent.sessionId]: ['subagent', byClaude.sessionId],
      [sandbox.sessionId]: ['sandbox', null],
      [wrapped.sessionId]: ['wrapper', main.sessionId],
    });
    const report = await sessionStatus(coordinator, { repoRoot: repo });
    expect(report.sessions.find((s) => s.sessionId === subagent.sessionId)).toMatchObject({
      origin: 'subagent',
      parentSessionId: byClaude.sessionId,
      state: 'live',
      isMainRepo: false,
    });
    expect(report.sessions.find((s) => s.sessionId === main.sessionId)).toMatchObject({ origin: 'wrapper', parentSessionId: null });
  });

  it('keeps a child when its parent is released, with no parent any more', async () => {
    const repo = makeRepo();
    await register(repo);
    const parent = await register(repo, { origin: 'claude-worktree' });
    const child = await register(repo, { origin: 'subagent', parentSessionId: parent.sessionId });

    await releaseSession(coordinator, { sessionId: parent.sessionId }, { env: home.env });
    expect(sessionRow(coordinator, parent.sessionId)).toBeUndefined();
    expect(sessionRow(coordinator, child.sessionId)).toMatchObject({ origin: 'subagent', parent_session_id: null, status: 'active' });
    expect(fs.existsSync(child.worktreePath)).toBe(true);
  });

  it.each([['adopted'], ['hook'], ['register'], ['']])('refuses the origin %j, naming what is accepted, and changes nothing', async (origin) => {
    const repo = makeRepo();
    const main = await register(repo);
    const error = await sessionErrorOf(register(repo, { origin: origin as RegisterOptions['origin'] }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(`The origin ${JSON.stringify(origin)} is not valid: it must be wrapper, claude-worktree, subagent or sandbox.`);
    expect(sessionRows(coordinator).map((r) => r.id)).toEqual([main.sessionId]);
    expect(listedWorktrees(repo)).toEqual([repo]);
  });

  it('refuses a parent session id that is not a UUID, or names no registered session, and changes nothing', async () => {
    const repo = makeRepo();
    const main = await register(repo);

    const malformed = await sessionErrorOf(register(repo, { origin: 'subagent', parentSessionId: '../x' }));
    expect(malformed.code).toBe('INVALID_INPUT');
    expect(malformed.message).toMatch(/^The parent session id "\.\.\/x" is not valid: it must be a UUID/);

    const unknown = '123e4567-e89b-42d3-a456-426614174000';
    const missing = await sessionErrorOf(register(repo, { origin: 'subagent', parentSessionId: unknown }));
    expect(missing.code).toBe('INVALID_INPUT');
    expect(missing.message).toBe(`The parent session id ${unknown} is not valid: no session with that id is registered.`);
    expect(missing.data).toEqual({ field: 'parent session id', value: unknown });

    expect(sessionRows(coordinator).map((r) => r.id)).toEqual([main.sessionId]);
    expect(listedWorktrees(repo)).toEqual([repo]);
  });
});
