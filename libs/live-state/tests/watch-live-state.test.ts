import { releaseSession } from '@parallel-cc/core-sessions';
import { commitFiles, makeRepo, removeTempDirs, stopTrackedProcesses } from '@parallel-cc/test-utils';
import { watchLiveState } from '../src';
import type { LiveStateChange } from '../src';
import { freshHome, registerLive, waitFor } from './support';

afterEach(() => stopTrackedProcesses());
afterAll(() => removeTempDirs());

/** How many file watchers are open (jest, in this process, keeps timers of its own: those are counted through fake intervals below). */
function fileWatchers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap').length;
}

describe('watchLiveState', () => {
  test('announces a registration, a commit that makes a collision, and a release; closing leaves no handle open', async () => {
    const { home, coordinator } = await freshHome();
    const repo = makeRepo({ 'app.ts': 'export const value = 1;\n' });
    const a = await registerLive(coordinator, repo, home);
    const watchersBefore = fileWatchers();
    const changes: LiveStateChange[] = [];
    const watch = watchLiveState({ env: home.env, debounceMs: 50 }, (change) => changes.push(change));
    try {
      const first = await watch.ready;
      expect(first.repositories.map((r) => r.sessions.map((s) => s.sessionId))).toEqual([[a.sessionId]]);
      expect(first.repositories[0]!.matrix).toMatchObject({ conflicting: 0, error: null });
      expect(changes).toEqual([]);

      const b = await registerLive(coordinator, repo, home);
      await waitFor(() => changes.some((c) => c.part === 'sessions' && c.state.repositories[0]?.sessions.length === 2), 'the second session');
      expect(changes.find((c) => c.part === 'sessions')!.repo).toBe(repo);

      commitFiles(repo, { 'app.ts': 'export const value = 2;\n' }, 'a changes value');
      commitFiles(b.worktreePath, { 'app.ts': 'export const value = 3;\n' }, 'b changes value');
      // b's file is written before it is committed: a preview in between may first show the
      // collision as b's uncommitted work. The committed one follows.
      const committedCollision = (k: { status: string; theirsSessionId: string | null; source: string | null }) =>
        k.status === 'conflicts' && k.theirsSessionId === b.sessionId && k.source === 'committed';
      const collides = (c: LiveStateChange) => c.part === 'matrix' && c.repo === repo && (c.state.repositories[0]?.matrix?.checks ?? []).some(committedCollision);
      await waitFor(() => changes.some(collides), 'the collision');
      const cell = watch.current()!.repositories[0]!.matrix!.checks.find(committedCollision)!;
      expect(cell).toMatchObject({ source: 'committed', oursSessionId: a.sessionId, theirsSessionId: b.sessionId });
      expect(cell.conflicts.map((c) => c.path)).toEqual(['app.ts']);

      const seen = changes.length;
      await releaseSession(coordinator, { sessionId: b.sessionId }, { env: home.env, force: true });
      await waitFor(() => changes.slice(seen).some((c) => c.part === 'sessions' && c.state.repositories[0]?.sessions.length === 1), 'the release');
    } finally {
      await watch.close();
      await coordinator.close();
    }
    // libuv releases a closed handle in a later turn of the loop: wait for it, then compare.
    expect(fileWatchers()).toBe(watchersBefore);
  });

  test('close clears the liveness timer it started', async () => {
    const { home, coordinator } = await freshHome();
    const repo = makeRepo();
    await registerLive(coordinator, repo, home);
    // Only setInterval is faked: what is left after close is counted exactly, jest's own timers aside.
    jest.useFakeTimers({ doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'Date', 'hrtime', 'performance'] });
    try {
      const watch = watchLiveState({ coordinator, matrix: false }, () => undefined);
      await watch.ready;
      expect(jest.getTimerCount()).toBe(1);
      await watch.close();
      expect(jest.getTimerCount()).toBe(0);
      expect(coordinator.raw.open).toBe(true);
    } finally {
      jest.useRealTimers();
      await coordinator.close();
    }
  });

  test('a home that cannot be opened rejects ready, and close still returns', async () => {
    const { home } = await freshHome();
    const watch = watchLiveState({ env: home.env, home: '/dev/null/not-a-folder' }, () => undefined);
    await expect(watch.ready).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(watch.current()).toBeNull();
    await watch.close();
  });
});
