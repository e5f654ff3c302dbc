import * as fs from 'node:fs';
import { deadPid, makeTempHome, removeTempDirs, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import { dashboardFile, findRunningDashboard, readRunningDashboard, serveDashboard } from '../src';

afterEach(() => stopTrackedProcesses());
afterAll(() => removeTempDirs());

function writeRecord(env: NodeJS.ProcessEnv, record: unknown): void {
  fs.mkdirSync(env.PARALLEL_CC_HOME as string, { recursive: true });
  fs.writeFileSync(dashboardFile(env), typeof record === 'string' ? record : JSON.stringify(record));
}

describe('the home\u2019s dashboard record', () => {
  test('none, unreadable, incomplete or of a dead process: no running dashboard', async () => {
    const { env } = makeTempHome();
    expect(readRunningDashboard(env)).toBeNull();
    writeRecord(env, '{not json');
    expect(readRunningDashboard(env)).toBeNull();
    writeRecord(env, { url: 'http://127.0.0.1:1/?token=x' });
    expect(readRunningDashboard(env)).toBeNull();
    writeRecord(env, { url: 'http://127.0.0.1:1/?token=x', port: 1, pid: await deadPid(), startedAt: '', servedBy: 'cli' });
    expect(readRunningDashboard(env)).toBeNull();
  });

  test('a live process that does not answer as the dashboard is not reused: a new server starts and replaces the record', async () => {
    const { env } = makeTempHome();
    const other = startTrackedProcess();
    writeRecord(env, { url: 'http://127.0.0.1:9/?token=x', port: 9, pid: other.pid, startedAt: '', servedBy: 'watcher' });
    expect(readRunningDashboard(env)).toMatchObject({ pid: other.pid });
    expect(await findRunningDashboard(env)).toBeNull();
    const served = await serveDashboard({ env, servedBy: 'cli' });
    expect(served.reused).toBe(false);
    expect(readRunningDashboard(env)).toMatchObject({ pid: process.pid, port: served.record.port });
    if (!served.reused) await served.close();
    expect(fs.existsSync(dashboardFile(env))).toBe(false);
  });

  test('closing removes only its own record', async () => {
    const { env } = makeTempHome();
    const served = await serveDashboard({ env, servedBy: 'cli' });
    if (served.reused) throw new Error('unexpected reuse');
    const other = startTrackedProcess();
    writeRecord(env, { url: 'http://127.0.0.1:9/?token=x', port: 9, pid: other.pid, startedAt: '', servedBy: 'watcher' });
    await served.close();
    expect(readRunningDashboard(env)).toMatchObject({ pid: other.pid });
  });
});
