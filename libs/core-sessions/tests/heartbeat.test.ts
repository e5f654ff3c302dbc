import { makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { heartbeat, openCoordinator, processStartTime, registerSession, releaseSession, sessionStatus } from '../src';
import type { Coordinator, Registration } from '../src';
import { cleanHome, liveProcess, sessionErrorOf, sessionRow, stopLiveProcesses } from './support';

let home: TempHome;
let coordinator: Coordinator;
let session: Registration;
let pid: number;

beforeAll(async () => {
  home = cleanHome();
  coordinator = await openCoordinator({ env: home.env });
  pid = liveProcess().pid;
  session = await registerSession(coordinator, { repo: makeRepo(), pid, env: home.env });
});

afterAll(async () => {
  await coordinator.close();
  await stopLiveProcesses();
  removeTempDirs();
});

const heartbeatOf = () => sessionRow(coordinator, session.sessionId)?.last_heartbeat;

describe('heartbeat', () => {
  it('refreshes last_heartbeat of the session named by its PID', async () => {
    const at = new Date('2031-05-05T10:00:00.000Z');
    expect(await heartbeat(coordinator, { pid }, at)).toEqual([session.sessionId]);
    expect(heartbeatOf()).toBe('2031-05-05T10:00:00.000Z');
  });

  it('\u2026 by its agent\u2019s PID', async () => {
    const agent = liveProcess();
    coordinator.raw.prepare('update sessions set agent_pid = ?, agent_started = ? where id = ?').run(agent.pid, processStartTime(agent.pid), session.sessionId);
    const at = new Date('2031-05-05T11:00:00.000Z');
    expect(await heartbeat(coordinator, { pid: agent.pid }, at)).toEqual([session.sessionId]);
    expect(heartbeatOf()).toBe(at.toISOString());
  });

  it('\u2026 by its session id, defaulting to the current time', async () => {
    const before = Date.now();
    expect(await heartbeat(coordinator, { sessionId: session.sessionId })).toEqual([session.sessionId]);
    const stamped = Date.parse(heartbeatOf() ?? '');
    expect(stamped).toBeGreaterThanOrEqual(before);
    expect(stamped).toBeLessThanOrEqual(Date.now());
  });

  it('fails with SESSION_NOT_FOUND for an unknown PID or id, touching nothing', async () => {
    const stamp = heartbeatOf();
    const byPid = await sessionErrorOf(heartbeat(coordinator, { pid: 4_000_001 }));
    expect(byPid.code).toBe('SESSION_NOT_FOUND');
    expect(byPid.message).toContain('PID 4000001');
    expect(byPid.data).toEqual({ pid: 4_000_001 });
    const id = '00000000-0000-4000-8000-000000000000';
    const byId = await sessionErrorOf(heartbeat(coordinator, { sessionId: id }));
    expect(byId.code).toBe('SESSION_NOT_FOUND');
    expect(byId.message).toContain(id);
    expect(heartbeatOf()).toBe(stamp);
  });

  it('rejects an invalid PID before touching the database', async () => {
    const error = await sessionErrorOf(heartbeat(coordinator, { pid: 0 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('PID 0');
  });

  it('shows a session idle after 10 minutes of silence, and live again after a heartbeat', async () => {
    const start = new Date('2032-01-01T00:00:00.000Z');
    await heartbeat(coordinator, { pid }, start);
    const stateAt = async (now: Date) =>
      (await sessionStatus(coordinator, { now })).sessions.find((s) => s.sessionId === session.sessionId)?.state;
    expect(await stateAt(new Date(start.getTime() + 9 * 60_000))).toBe('live');
    const silent = new Date(start.getTime() + 11 * 60_000);
    expect(await stateAt(silent)).toBe('idle');
    await heartbeat(coordinator, { pid }, silent);
    expect(await stateAt(silent)).toBe('live');
  });

  it('does not revive a released session', async () => {
    await releaseSession(coordinator, { sessionId: session.sessionId }, { env: home.env });
    const error = await sessionErrorOf(heartbeat(coordinator, { pid }));
    expect(error.code).toBe('SESSION_NOT_FOUND');
  });
});
