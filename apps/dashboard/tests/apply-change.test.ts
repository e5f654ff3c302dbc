import { applyChange } from '../src/page/state/apply-change';
import type { LiveState, RepositoryMatrix, RepositoryState } from '../src/page/state/types';

const repo = (repoPath: string, sessions: string[], matrix: RepositoryMatrix | null = null): RepositoryState =>
  ({ repoPath, sessions: sessions.map((sessionId) => ({ sessionId })), keptLeftovers: [], matrix }) as unknown as RepositoryState;
const matrix = (conflicting: number) => ({ repo: '/r', sessions: [], skipped: [], checks: [], conflicting, failed: 0, computedAt: 't', error: null }) as RepositoryMatrix;
const state = (): LiveState => ({ database: 'db', generatedAt: 't0', repositories: [repo('/a', ['a1'], matrix(1)), repo('/b', ['b1'])], timeline: [], sandboxRuns: [] });

describe('applyChange', () => {
  test('sessions of a known repository replace its sessions and keep its matrix; the other repository is the same object', () => {
    const before = state();
    const after = applyChange(before, { part: 'sessions', repoPath: '/a', value: { sessions: repo('/a', ['a1', 'a2']).sessions, keptLeftovers: [] }, generatedAt: 't1' });
    expect(after.repositories.map((r) => [r.repoPath, r.sessions.map((s) => s.sessionId), r.matrix?.conflicting ?? null])).toEqual([
      ['/a', ['a1', 'a2'], 1],
      ['/b', ['b1'], null],
    ]);
    expect(after.repositories[1]).toBe(before.repositories[1]);
    expect(after.generatedAt).toBe('t1');
    expect(before.repositories[0]!.sessions).toHaveLength(1);
  });

  test('sessions of a new repository add it (no matrix yet); a null value removes it', () => {
    const added = applyChange(state(), { part: 'sessions', repoPath: '/c', value: { sessions: repo('/c', ['c1']).sessions, keptLeftovers: [] }, generatedAt: 't1' });
    expect(added.repositories.map((r) => [r.repoPath, r.matrix])).toEqual([
      ['/a', expect.anything()],
      ['/b', null],
      ['/c', null],
    ]);
    const removed = applyChange(added, { part: 'sessions', repoPath: '/a', value: null, generatedAt: 't2' });
    expect(removed.repositories.map((r) => r.repoPath)).toEqual(['/b', '/c']);
  });

  test('a matrix replaces that repository\u2019s matrix only; one of an unknown repository is dropped', () => {
    const before = state();
    const after = applyChange(before, { part: 'matrix', repoPath: '/b', value: matrix(3), generatedAt: 't1' });
    expect(after.repositories.map((r) => r.matrix?.conflicting ?? null)).toEqual([1, 3]);
    expect(after.repositories[1]!.sessions).toBe(before.repositories[1]!.sessions);
    expect(applyChange(before, { part: 'matrix', repoPath: '/zzz', value: matrix(3), generatedAt: 't1' })).toBe(before);
  });

  test('timeline and sandbox runs are replaced whole; an unknown part changes nothing', () => {
    const timeline = [{ type: 'merge', at: 't', repoPath: '/a', merge: {} }] as unknown as LiveState['timeline'];
    const runs = [{ id: 'r1' }] as unknown as LiveState['sandboxRuns'];
    const before = state();
    expect(applyChange(before, { part: 'timeline', value: timeline, generatedAt: 't1' }).timeline).toBe(timeline);
    expect(applyChange(before, { part: 'sandboxRuns', value: runs, generatedAt: 't1' }).sandboxRuns).toBe(runs);
    expect(applyChange(before, { part: 'nothing', value: 1, generatedAt: 't1' } as never)).toBe(before);
  });
});
