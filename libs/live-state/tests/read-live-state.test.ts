import * as path from 'node:path';
import { addNotification, claimFile, recordEdit } from '@parallel-cc/core-sessions';
import { commitFiles, makeRepo, removeTempDirs, stopTrackedProcesses, writeFiles } from '@parallel-cc/test-utils';
import { readLiveState } from '../src';
import { freshHome, registerLive } from './support';

afterEach(() => stopTrackedProcesses());
afterAll(() => removeTempDirs());

describe('readLiveState', () => {
  test('shows two sessions with their files in progress and claims, a colliding pair in the matrix, and the notices', async () => {
    const { home, coordinator } = await freshHome();
    try {
      const repo = makeRepo({ 'app.ts': 'export const value = 1;\n', 'other.ts': 'export const other = 1;\n' });
      const a = await registerLive(coordinator, repo, home);
      const b = await registerLive(coordinator, repo, home);
      commitFiles(repo, { 'app.ts': 'export const value = 2;\n' }, 'a changes value');
      commitFiles(b.worktreePath, { 'app.ts': 'export const value = 3;\n' }, 'b changes value');
      writeFiles(b.worktreePath, { 'other.ts': 'export const other = 2;\n' });
      await recordEdit(coordinator, { sessionId: b.sessionId, filePath: path.join(b.worktreePath, 'other.ts'), env: home.env });
      await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'app.ts', mode: 'SHARED' });
      await addNotification(coordinator, { sessionId: a.sessionId, kind: 'merge', text: 'main moved' });

      const state = await readLiveState({ env: home.env });

      expect(state.repositories).toHaveLength(1);
      const [repository] = state.repositories;
      expect(repository!.repoPath).toBe(repo);
      expect(repository!.sessions.map((s) => [s.sessionId, s.isMainRepo, s.state])).toEqual([
        [a.sessionId, true, 'live'],
        [b.sessionId, false, 'live'],
      ]);
      const [sa, sb] = repository!.sessions;
      expect(sa).toMatchObject({ origin: 'wrapper', branch: 'main', baseBranch: 'main', sharesPlaceWith: null, heartbeatAgeSeconds: expect.any(Number) });
      expect(sa!.claims).toEqual([expect.objectContaining({ filePath: 'app.ts', mode: 'SHARED', sessionId: a.sessionId })]);
      expect(sb!.filesInProgress).toEqual([expect.objectContaining({ filePath: 'other.ts', uncommitted: true })]);
      expect(sb!.filesInProgressTotal).toBe(1);

      const matrix = repository!.matrix!;
      expect(matrix.error).toBeNull();
      expect(matrix.sessions.map((s) => s.sessionId)).toEqual([a.sessionId, b.sessionId]);
      const collision = matrix.checks.find((c) => c.oursSessionId === a.sessionId && c.theirsSessionId === b.sessionId);
      expect(collision).toMatchObject({ status: 'conflicts', source: 'committed', worst: expect.stringMatching(/^(TRIVIAL|STRUCTURAL|CONCURRENT|SEMANTIC)$/) });
      expect(collision!.conflicts.map((c) => c.path)).toEqual(['app.ts']);
      expect(collision!.conflicts[0]!.classification!.declarations).toContain('value');

      expect(state.timeline).toEqual([expect.objectContaining({ type: 'notification', repoPath: repo, notification: expect.objectContaining({ text: 'main moved', deliveredAt: null }) })]);
      expect(state.sandboxRuns).toEqual([]);
      expect(state.database).toBe(coordinator.path);
    } finally {
      await coordinator.close();
    }
  });

  test('reads through a coordinator it is given and leaves it open; limits out of range are refused', async () => {
    const { home, coordinator } = await freshHome();
    try {
      const repo = makeRepo();
      await registerLive(coordinator, repo, home);
      const state = await readLiveState({ coordinator, matrix: false });
      expect(state.repositories[0]).toMatchObject({ repoPath: repo, matrix: null });
      expect((await readLiveState({ coordinator, repoRoot: '/nowhere-such' })).repositories).toEqual([]);
      await expect(readLiveState({ coordinator, timelineLimit: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('timelineLimit 0') });
      await expect(readLiveState({ coordinator, logTailBytes: 1.5 })).rejects.toThrow(/logTailBytes 1.5 is not valid/);
      expect(coordinator.raw.open).toBe(true);
    } finally {
      await coordinator.close();
    }
  });
});
