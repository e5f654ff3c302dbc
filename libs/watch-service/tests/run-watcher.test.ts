import * as fs from 'node:fs';
import * as path from 'node:path';
import { removeTempDirs } from '@parallel-cc/test-utils';
import { readWatcherHealth, runWatcher } from '../src';
import type { WatchLogEntry } from '../src';
import { cleanHome, waitFor } from './support';

afterAll(() => removeTempDirs());

describe('runWatcher', () => {
  test('holds the lock and records its health while it runs; a second watcher is refused; stopping frees the lock', async () => {
    const { env } = cleanHome();
    const entries: WatchLogEntry[] = [];
    const starts: Array<ReturnType<typeof readWatcherHealth>> = [];
    const controller = new AbortController();
    const running = runWatcher({ env, intervalMs: 60_000, signal: controller.signal, log: (e) => entries.push(e), onStart: () => starts.push(readWatcherHealth(env)) });
    await waitFor(() => entries.length === 1, 'the first round');
    expect(starts).toEqual([expect.objectContaining({ pid: process.pid, state: 'running', rounds: 0, lastRoundAt: null, intervalMs: 60_000 })]);
    expect(readWatcherHealth(env)).toMatchObject({ pid: process.pid, state: 'running', rounds: 1, lastRoundAt: expect.any(String), lastErrors: [] });

    const second = jest.fn();
    await expect(runWatcher({ env, intervalMs: 10, signal: new AbortController().signal, log: second, onStart: second })).rejects.toMatchObject({
      code: 'WATCHER_RUNNING',
      data: { pid: process.pid },
    });
    expect(second).not.toHaveBeenCalled();

    controller.abort();
    await running;
    expect(readWatcherHealth(env)).toMatchObject({ pid: process.pid, state: 'stopped', rounds: 1 });
    // The lock went with it: the next watcher runs.
    const next = jest.fn();
    await runWatcher({ env, intervalMs: 10, signal: AbortSignal.abort(), log: next, onStart: next });
    expect(next).toHaveBeenCalledTimes(1);
  });

  test('records the errors of its last round', async () => {
    const { env, pccHome } = cleanHome();
    const controller = new AbortController();
    await runWatcher({
      env,
      intervalMs: 60_000,
      signal: controller.signal,
      log: () => controller.abort(),
      // A round that fails as a whole: where the database should be is a folder.
      onStart: () => fs.mkdirSync(path.join(pccHome, 'coordinator.db')),
    });
    expect(readWatcherHealth(env)).toMatchObject({ state: 'stopped', rounds: 1, lastErrors: [expect.stringContaining('"message"')] });
  });
});
