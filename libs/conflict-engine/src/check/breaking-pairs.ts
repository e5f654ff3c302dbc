/** What a run of the command on a merged set said: it passes, fails, or the set could not be merged (no answer). */
export type SetOutcome = 'pass' | 'fail' | 'unmerged';

/** The pairs whose merge breaks the check, and sets that break with no pair breaking on its own. */
export interface BreakingPairs {
  pairs: Array<[string, string]>;
  together: string[][];
}

/**
 * Finds the pairs of `refs` that break the check, given that all of `refs` merged together
 * fail and each passes alone. Bisection: split the set in halves and test each half; a failing
 * half is searched the same way; between two passing halves whose union fails, the larger side
 * is split again and each part tested with the other side, down to single pairs (about
 * 2·log2(n) runs per breaking pair). When one half fails on its own, each of its branches is
 * tested with the whole passing half and searched the same way when that fails; when both halves
 * fail on their own, group tests say nothing and each cross pair is tested alone. Every set is
 * tested at most once, so the runs never exceed the pairwise n(n-1)/2 by more than the splits. A set that fails while no pair in it does (three
 * branches needed together) is reported in `together`. `test` answers from the cache when it can.
 */
export async function breakingPairs(refs: string[], test: (refs: string[]) => Promise<SetOutcome>): Promise<BreakingPairs> {
  const found: BreakingPairs = { pairs: [], together: [] };
  await within(refs, test, found);
  if (found.pairs.length === 0 && found.together.length === 0) found.together.push(refs);
  return found;
}

async function within(refs: string[], test: (refs: string[]) => Promise<SetOutcome>, found: BreakingPairs): Promise<number> {
  if (refs.length === 2) {
    found.pairs.push([refs[0]!, refs[1]!]);
    return 1;
  }
  const half = Math.ceil(refs.length / 2);
  const [a, b] = [refs.slice(0, half), refs.slice(half)];
  const aFails = a.length >= 2 && (await test(a)) === 'fail';
  const bFails = b.length >= 2 && (await test(b)) === 'fail';
  let count = 0;
  if (aFails) count += await within(a, test, found);
  if (bFails) count += await within(b, test, found);
  if (!aFails && !bFails) return count + (await across(a, b, test, found));
  if (aFails && !bFails) {
    for (const x of a) if ((await test([x, ...b])) === 'fail') count += await across([x], b, test, found);
  } else if (bFails && !aFails) {
    for (const y of b) if ((await test([...a, y])) === 'fail') count += await across(a, [y], test, found);
  } else {
    for (const x of a) for (const y of b) if ((await test([x, y])) === 'fail') count += await across([x], [y], test, found);
  }
  return count;
}

// `a` and `b` each pass; `a` with `b` fails.
async function across(a: string[], b: string[], test: (refs: string[]) => Promise<SetOutcome>, found: BreakingPairs): Promise<number> {
  if (a.length === 1 && b.length === 1) {
    found.pairs.push([a[0]!, b[0]!]);
    return 1;
  }
  const [split, other, splitFirst] = a.length >= b.length ? [a, b, true] : [b, a, false];
  const half = Math.ceil(split.length / 2);
  let count = 0;
  for (const part of [split.slice(0, half), split.slice(half)]) {
    const together = splitFirst ? [...part, ...other] : [...other, ...part];
    if ((await test(together)) !== 'fail') continue;
    count += splitFirst ? await across(part, other, test, found) : await across(other, part, test, found);
  }
  if (count === 0) found.together.push([...a, ...b]);
  return count;
}
