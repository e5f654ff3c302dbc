import * as path from 'node:path';
import { makeRepo, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { openCoordinator, registerSession, releaseSession, sessionStatus } from '../src';
import type { Coordinator } from '../src';
import { cleanHome, liveProcess, sessionRows, stopLiveProcesses } from './support';

let home: TempHome;
let coordinator: Coordinator;

beforeAll(async () => {
  home = cleanHome();
  coordinator = await openCoordinator({ env: home.env });
});

afterAll(async () => {
  await coordinator.close();
  await stopLiveProcesses();
  removeTempDirs();
});

describe('sessionStatus', () => {
  it('lists every session with its state, or one repository\u2019s, and cleans up nothing', async () => {
    const app = makeRepo();
    const lib = makeRepo();
    const register = (repo: string, pid: number) => registerSession(coordinator, { repo, pid, env: home.env });

    expect(await sessionStatus(coordinator)).toEqual({ sessions: [], totalSessions: 0, keptLeftovers: [] });

    const appMain = await register(app, liveProcess().pid);
    const dying = liveProcess();
    const appWorker = await register(app, dying.pid);
    const keptProcess = liveProcess();
    const appKept = await register(app, keptProcess.pid);
    const libMain = await register(lib, liveProcess().pid);

    writeFiles(appKept.worktreePath, { 'wip.txt': 'x\n' });
    await releaseSession(coordinator, { sessionId: appKept.sessionId }, { env: home.env });
    await dying.kill();

    const all = await sessionStatus(coordinator);
    expect(all.totalSessions).toBe(4);
    const byId = new Map(all.sessions.map((s) => [s.sessionId, s]));
    expect(byId.get(appMain.sessionId)).toMatchObject({ state: 'live', isMainRepo: true, repoPath: app, worktreePath: app, branch: 'main' });
    expect(byId.get(appWorker.sessionId)).toMatchObject({ state: 'stale', isMainRepo: false, worktreePath: appWorker.worktreePath });
    expect(byId.get(appKept.sessionId)).toMatchObject({ state: 'kept', keptReason: 'worktree has 1 untracked file' });
    expect(byId.get(libMain.sessionId)).toMatchObject({ state: 'live', repoPath: lib });

    const onlyApp = await sessionStatus(coordinator, { repoRoot: path.join(app, 'sub', '..') });
    expect(onlyApp.totalSessions).toBe(3);
    expect(onlyApp.sessions.map((s) => s.sessionId)).toEqual([appMain.sessionId, appWorker.sessionId, appKept.sessionId]);

    // Reading the status removed nothing, not even the dead session.
    expect(sessionRows(coordinator)).toHaveLength(4);
  });
});
