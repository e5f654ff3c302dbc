import { openMergeCoordinator, pollRepository } from '@parallel-cc/merge-detector';
import { commitFiles, git, makeRepo, removeTempDirs, stopTrackedProcesses } from '@parallel-cc/test-utils';
import { serveDashboard } from '../src';
import type { StateChange } from '../src';
import { freshHome, openEventStream, registerLive, waitFor } from './support';

afterEach(() => stopTrackedProcesses());
afterAll(() => removeTempDirs());

interface Cell {
  status: string;
  worst: string | null;
  source: string | null;
  oursSessionId: string | null;
  theirsSessionId: string | null;
}

describe('GET /api/events', () => {
  test('the whole state first, then only the part that changed: a register, a commit that collides, a merge; heartbeat comments between', async () => {
    const { home, coordinator } = await freshHome();
    const repo = makeRepo({ 'app.ts': 'export const value = 1;\n' });
    const a = await registerLive(coordinator, repo, home);
    const served = await serveDashboard({ env: home.env, servedBy: 'cli', live: { debounceMs: 50 } });
    if (served.reused) throw new Error('a fresh home had a dashboard already');
    const token = new URL(served.record.url).searchParams.get('token') ?? '';
    const stream = await openEventStream(served.record.port, token);
    const changes = () => stream.events.filter((e) => e.event === 'change').map((e) => e.data as StateChange);
    try {
      await waitFor(() => stream.events.length > 0, 'the first event');
      expect(stream.events[0]).toMatchObject({ event: 'state', data: { repositories: [{ repoPath: repo, sessions: [{ sessionId: a.sessionId }] }] } });

      const b = await registerLive(coordinator, repo, home);
      await waitFor(() => changes().some((c) => c.part === 'sessions' && (c.value as { sessions: unknown[] } | null)?.sessions.length === 2), 'the registration');
      const registered = changes().find((c) => c.part === 'sessions')!;
      expect(registered.repoPath).toBe(repo);
      expect(Object.keys(registered.value as object).sort()).toEqual(['keptLeftovers', 'sessions']);

      commitFiles(repo, { 'app.ts': 'export const value = 2;\n' }, 'a changes value');
      commitFiles(b.worktreePath, { 'app.ts': 'export const value = 3;\n' }, 'b changes value');
      // b's file is written before it is committed: a preview in between may first show the
      // collision as b's uncommitted work. The committed one follows.
      const collides = (k: Cell) => k.status === 'conflicts' && k.theirsSessionId === b.sessionId && k.source === 'committed';
      const collision = (c: StateChange) => c.part === 'matrix' && ((c.value as { checks: Cell[] } | null)?.checks ?? []).some(collides);
      await waitFor(() => changes().some(collision), 'the collision');
      const cell = (changes().find(collision)!.value as { checks: Cell[] }).checks.find(collides)!;
      expect(cell).toMatchObject({ source: 'committed', oursSessionId: a.sessionId, theirsSessionId: b.sessionId, worst: expect.any(String) });

      // b's branch lands on main (b's conflicting line replaced: a clean merge), and a poll records it.
      commitFiles(b.worktreePath, { 'app.ts': 'export const value = 2;\n', 'b.ts': 'export const b = 1;\n' }, 'b agrees');
      git(repo, 'merge', '--no-ff', '-q', '-m', 'merge b', b.branch ?? '');
      const merges = await openMergeCoordinator(home.env);
      try {
        await pollRepository(merges, { repo, env: home.env });
      } finally {
        await merges.close();
      }
      const merged = (c: StateChange) => c.part === 'timeline' && (c.value as Array<{ type: string; merge?: { branch: string } }>).some((e) => e.type === 'merge' && e.merge?.branch === b.branch);
      await waitFor(() => changes().some(merged), 'the merge');
      expect(changes().every((c) => typeof c.generatedAt === 'string')).toBe(true);
    } finally {
      stream.close();
      await served.close();
      await coordinator.close();
    }
  });

  test('heartbeat comments keep a quiet stream open', async () => {
    const { home, coordinator } = await freshHome();
    await coordinator.close();
    const { startDashboardServer, liveStateSource, dashboardAssetsDir } = await import('../src');
    const source = liveStateSource({ env: home.env });
    const server = await startDashboardServer({ source, assetsDir: dashboardAssetsDir(), heartbeatMs: 50 });
    const stream = await openEventStream(server.port, server.token);
    try {
      await waitFor(() => stream.comments.filter((c) => c === 'heartbeat').length >= 2, 'two heartbeats');
      expect(stream.events.map((e) => e.event)).toEqual(['state']);
    } finally {
      stream.close();
      await server.close();
      await source.close();
    }
  });
});
