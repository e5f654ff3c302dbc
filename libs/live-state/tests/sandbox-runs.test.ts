import * as fs from 'node:fs';
import * as path from 'node:path';
import { registerSession } from '@parallel-cc/core-sessions';
import { createRun } from '@parallel-cc/e2b-runner';
import { makeRepo, makeTempDir, removeTempDirs, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import { readLiveState, watchLiveState } from '../src';
import type { LiveStateChange } from '../src';
import { freshHome, waitFor } from './support';

afterEach(() => stopTrackedProcesses());
afterAll(() => removeTempDirs());

describe('sandbox runs', () => {
  test('show with whether they run and the end of their log, cut at a line start; a growing log is announced', async () => {
    const { home, coordinator } = await freshHome();
    const repo = makeRepo();
    const runner = startTrackedProcess();
    const session = await registerSession(coordinator, { repo, pid: runner.pid, env: home.env, placement: 'worktree', origin: 'sandbox' });
    const logPath = path.join(makeTempDir('pcc-logs-'), 'run.log');
    fs.writeFileSync(logPath, 'first line of the log\nsecond\nthird\n');
    await createRun(coordinator, { sessionId: session.sessionId, provider: 'local', prompt: 'fix the tests', logPath, runnerPid: runner.pid });

    const state = await readLiveState({ coordinator, logTailBytes: 16, matrix: false });
    expect(state.sandboxRuns).toEqual([expect.objectContaining({ sessionId: session.sessionId, status: 'pending', alive: true, prompt: 'fix the tests', logTail: 'second\nthird\n' })]);
    expect((await readLiveState({ coordinator, matrix: false })).sandboxRuns[0]!.logTail).toBe('first line of the log\nsecond\nthird\n');

    const changes: LiveStateChange[] = [];
    const watch = watchLiveState({ coordinator, logTailBytes: 16, matrix: false, debounceMs: 20 }, (change) => changes.push(change));
    try {
      await watch.ready;
      fs.appendFileSync(logPath, 'fourth line\n');
      await waitFor(() => changes.some((c) => c.part === 'sandboxRuns' && c.state.sandboxRuns[0]?.logTail === 'fourth line\n'), 'the log change');
      expect(changes.find((c) => c.part === 'sandboxRuns')!.repo).toBeNull();
    } finally {
      await watch.close();
      await coordinator.close();
    }
  });
});
