import { breakingPairs } from '../src/check/breaking-pairs';
import type { SetOutcome } from '../src/check/breaking-pairs';

/** A check that fails when a set holds both branches of any `pairs`, or every branch of any `groups`; it counts the sets it was asked about. */
function modelCheck(pairs: string[][], groups: string[][] = []) {
  const asked: string[] = [];
  const test = async (set: string[]): Promise<SetOutcome> => {
    asked.push([...set].sort().join('+'));
    const breaks = [...pairs, ...groups].some((bad) => bad.every((ref) => set.includes(ref)));
    return breaks ? 'fail' : 'pass';
  };
  return { test, asked };
}

const refs = (n: number) => Array.from({ length: n }, (_, i) => `b${i + 1}`);
const sorted = (pairs: string[][]) => pairs.map((p) => [...p].sort().join('+')).sort();

describe('breakingPairs', () => {
  it('finds the one pair of two', async () => {
    const check = modelCheck([['b1', 'b2']]);
    expect(await breakingPairs(['b1', 'b2'], check.test)).toEqual({ pairs: [['b1', 'b2']], together: [] });
    expect(check.asked).toEqual([]);
  });

  it('finds one pair across the halves of sixteen branches in a few runs, far fewer than the 120 pairs', async () => {
    const check = modelCheck([['b3', 'b12']]);
    const found = await breakingPairs(refs(16), check.test);
    expect(sorted(found.pairs)).toEqual(['b12+b3']);
    expect(found.together).toEqual([]);
    expect(check.asked.length).toBeLessThanOrEqual(2 + 2 * 2 * Math.log2(16));
    expect(new Set(check.asked).size).toBe(check.asked.length);
  });

  it('finds pairs inside a half and across halves, one half failing on its own', async () => {
    const check = modelCheck([['b1', 'b2'], ['b3', 'b7']]);
    const found = await breakingPairs(refs(8), check.test);
    expect(sorted(found.pairs)).toEqual(['b1+b2', 'b3+b7']);
    expect(found.together).toEqual([]);
  });

  it('tests each pair across two halves that both fail on their own', async () => {
    const check = modelCheck([['b1', 'b2'], ['b5', 'b6'], ['b2', 'b6']]);
    const found = await breakingPairs(refs(8), check.test);
    expect(sorted(found.pairs)).toEqual(['b1+b2', 'b2+b6', 'b5+b6']);
  });

  it('reports branches that fail only three together, with no pair to blame', async () => {
    const check = modelCheck([], [['b1', 'b2', 'b5']]);
    const found = await breakingPairs(refs(6), check.test);
    expect(found.pairs).toEqual([]);
    expect(found.together.length).toBeGreaterThan(0);
    for (const set of found.together) expect(['b1', 'b2', 'b5'].every((ref) => set.includes(ref))).toBe(true);
  });

  it('takes a set that cannot be merged as no answer, not as a failure', async () => {
    const test = async (set: string[]): Promise<SetOutcome> => (set.length === 4 ? 'fail' : set.includes('b4') && set.length > 1 ? 'unmerged' : 'pass');
    const found = await breakingPairs(refs(4), test);
    expect(found.pairs).toEqual([]);
    expect(found.together).toEqual([['b1', 'b2', 'b3', 'b4']]);
  });
});
