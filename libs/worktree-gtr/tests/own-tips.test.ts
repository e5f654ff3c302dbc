import { ownTips } from '../src/own-tips';
import type { ReflogEntry } from '../src/parsers/reflogs';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const entry = (commit: string, time: number, subject: string): ReflogEntry => ({ commit, time, subject });

describe('ownTips', () => {
  test('a commit the base held before the branch moved to it was taken from the base', () => {
    const base = [entry(A, 100, 'commit: main moves')];
    expect(ownTips([entry(A, 101, 'commit: same commit, told otherwise')], base)).toEqual([]);
    expect(ownTips([entry(A, 101, 'merge main: Fast-forward')], base)).toEqual([]);
  });

  test("a commit the base got after the branch had it is the branch's", () => {
    expect(ownTips([entry(A, 100, 'rebase (finish): refs/heads/topic onto 123')], [entry(A, 101, 'commit: odd but later')])).toEqual([A]);
    expect(ownTips([entry(A, 100, 'commit: work')], [entry(B, 99, 'commit: main')])).toEqual([A]);
  });

  test('in the same second, the notes of both moves decide', () => {
    const mainCommitted = [entry(A, 100, 'commit: main moves')];
    const mainFastForwarded = [entry(A, 100, 'merge topic: Fast-forward')];
    expect(ownTips([entry(A, 100, 'merge main: Fast-forward')], mainCommitted)).toEqual([]);
    expect(ownTips([entry(A, 100, 'rebase (finish): refs/heads/topic onto 123')], mainCommitted)).toEqual([]);
    expect(ownTips([entry(A, 100, 'reset: moving to main')], mainCommitted)).toEqual([]);
    expect(ownTips([entry(A, 100, 'commit: work')], mainFastForwarded)).toEqual([A]);
    expect(ownTips([entry(A, 100, 'rebase (finish): refs/heads/topic onto 123')], mainFastForwarded)).toEqual([A]);
  });

  test("the base's first move to a commit counts, and every move counts without a reflog of the base", () => {
    const base = [entry(A, 300, 'reset: moving to A'), entry(B, 200, 'commit: b'), entry(A, 100, 'commit: a')];
    expect(ownTips([entry(A, 150, 'merge main: Fast-forward')], base)).toEqual([]);
    const moves = [entry(B, 20, 'merge main: Fast-forward'), entry(A, 10, 'commit: work')];
    expect(ownTips(moves, [])).toEqual([B, A]);
  });
});
