import * as fs from 'node:fs';
import { deadPid, removeTempDirs } from '@parallel-cc/test-utils';
import { isWatcherHealthy, readWatcherHealth, WatchServiceError } from '../src';
import type { WatcherHealth } from '../src';
import { writeWatcherHealth } from '../src/service/watcher-health';
import { acquireWatcherLock } from '../src/service/watcher-lock';
import { cleanHome } from './support';

afterAll(() => removeTempDirs());

const health = (over: Partial<WatcherHealth> = {}): WatcherHealth => ({
  pid: process.pid,
  startedAt: new Date().toISOString(),
  state: 'running',
  rounds: 0,
  lastRoundAt: null,
  lastErrors: [],
  intervalMs: 30_000,
  ...over,
});

describe('watcher health', () => {
  test('is written whole and read back; nothing written reads as null', () => {
    const { env, pccHome } = cleanHome();
    expect(readWatcherHealth(env)).toBeNull();
    fs.mkdirSync(pccHome, { recursive: true });
    const written = health({ rounds: 3, lastRoundAt: new Date().toISOString(), lastErrors: ['x'] });
    writeWatcherHealth(env, written);
    expect(readWatcherHealth(env)).toEqual(written);
    expect(fs.readdirSync(pccHome)).toEqual(['watcher-status.json']);
  });

  test('is healthy only while the process runs and rounds keep coming', async () => {
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
    expect(isWatcherHealthy(null, now)).toBe(false);
    expect(isWatcherHealthy(health({ state: 'stopped' }), now)).toBe(false);
    expect(isWatcherHealthy(health({ startedAt: ago(1000) }), now)).toBe(true);
    expect(isWatcherHealthy(health({ lastRoundAt: ago(60_000) }), now)).toBe(true);
    expect(isWatcherHealthy(health({ lastRoundAt: ago(3 * 30_000 + 1000) }), now)).toBe(false);
    expect(isWatcherHealthy(health({ pid: await deadPid() }), now)).toBe(false);
  });
});

describe('acquireWatcherLock', () => {
  test('lets one watcher run per home; a second is told which one runs; releasing frees it', async () => {
    const { env } = cleanHome();
    const release = await acquireWatcherLock(env);
    try {
      writeWatcherHealth(env, health({ pid: 4242, startedAt: '2026-01-01T00:00:00.000Z' }));
      const refused = acquireWatcherLock(env);
      await expect(refused).rejects.toBeInstanceOf(WatchServiceError);
      await expect(refused).rejects.toMatchObject({ code: 'WATCHER_RUNNING', data: { pid: 4242 } });
      await expect(refused).rejects.toThrow('(PID 4242, since 2026-01-01T00:00:00.000Z); stop it first.');
    } finally {
      await release();
    }
    const again = await acquireWatcherLock(env);
    await again();
  });

  test('names a holder that has not written its health yet from the lock, which names its owner', async () => {
    const { env } = cleanHome();
    const release = await acquireWatcherLock(env);
    try {
      const refused = acquireWatcherLock(env);
      await expect(refused).rejects.toMatchObject({ code: 'WATCHER_RUNNING', data: { pid: process.pid } });
      await expect(refused).rejects.toThrow(`(PID ${process.pid}); stop it first.`);
    } finally {
      await release();
    }
  });
});
