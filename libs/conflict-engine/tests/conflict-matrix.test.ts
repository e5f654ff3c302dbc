import { commitFiles, git, makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import { conflictMatrix, detectConflicts } from '../src';
import type { ConflictReport, DetectConflictsOptions, PairCheck } from '../src';
import { countOf, withGitCalls } from './git-calls';
import { blob, branchWith, rejectionOf } from './support';

afterAll(() => removeTempDirs());

const LINES = '1\n2\n3\n4\n5\n6\n7\n';

/** main holds shared.txt; a and b change its second line each their own way, c adds a file of its own. */
function threeBranches(): string {
  const repo = makeRepo({ 'shared.txt': LINES, 'other.txt': 'other\n' });
  branchWith(repo, 'a', { write: { 'shared.txt': LINES.replace('2', 'from a') } });
  branchWith(repo, 'b', { write: { 'shared.txt': LINES.replace('2', 'from b'), 'b.txt': 'b\n' } });
  branchWith(repo, 'c', { write: { 'c.txt': 'c\n' }, remove: ['other.txt'] });
  return repo;
}

const onMain = (...refs: string[]) => refs.map((ref) => ({ ref, base: 'main' }));
const summary = (checks: PairCheck[]) => checks.map((c) => `${c.ours} ${c.theirs} ${c.against} ${c.status}`);

/** A detect that calls the real one and records how many calls were in flight at most. */
function counting(delayMs: (o: DetectConflictsOptions) => number = () => 0) {
  const seen = { calls: 0, inFlight: 0, maxInFlight: 0 };
  const detect = async (o: DetectConflictsOptions): Promise<ConflictReport> => {
    seen.calls++;
    seen.inFlight++;
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, delayMs(o)));
      return await detectConflicts(o);
    } finally {
      seen.inFlight--;
    }
  };
  return { seen, detect };
}

describe('conflictMatrix previews every pair of branches', () => {
  test('only the pair that touches the same line conflicts; every branch merges cleanly into its base', async () => {
    const repo = threeBranches();

    const matrix = await conflictMatrix({ repo, branches: onMain('a', 'b', 'c') });

    expect(matrix).toMatchObject({ repo, refs: ['a', 'b', 'c'], conflicting: 1, failed: 0 });
    expect(summary(matrix.checks)).toEqual([
      'a b branch conflicts',
      'a c branch clean',
      'b c branch clean',
      'a main base clean',
      'b main base clean',
      'c main base clean',
    ]);
    expect(matrix.checks[0]).toEqual({
      ours: 'a',
      theirs: 'b',
      against: 'branch',
      status: 'conflicts',
      conflicts: [
        expect.objectContaining({
          path: 'shared.txt',
          kind: 'content',
          stages: { base: blob(repo, 'main', 'shared.txt'), ours: blob(repo, 'a', 'shared.txt'), theirs: blob(repo, 'b', 'shared.txt') },
        }),
      ],
      reason: null,
    });
    expect(matrix.checks.slice(1).every((c) => c.conflicts.length === 0 && c.reason === null)).toBe(true);
  });

  test('conflicts are classified unless asked not to; unclassified, a check is one merge-tree', async () => {
    const repo = threeBranches();
    const { seen, detect } = counting();
    const seenOptions: DetectConflictsOptions[] = [];
    const recording = (o: DetectConflictsOptions) => (seenOptions.push(o), detect(o));

    const classified = await conflictMatrix({ repo, branches: onMain('a', 'b'), detect: recording, preflight: false });
    const plain = await conflictMatrix({ repo, branches: onMain('a', 'b'), classify: false, detect: recording, preflight: false });

    expect(seen.calls).toBe(6);
    expect(seenOptions.map((o) => o.classify)).toEqual([true, true, true, false, false, false]);
    expect(classified.checks[0]?.conflicts.map((c) => typeof c.classification?.class)).toEqual(['string']);
    expect(plain.checks[0]?.conflicts.map((c) => c.classification)).toEqual([null]);
  });

  test.each([1, 2, 3, 5])('%i branches: N(N+1)/2 checks with a common base, N(N-1)/2 without', async (n) => {
    const repo = makeRepo({ 'a.txt': 'a\n' });
    const refs = Array.from({ length: n }, (_, i) => `feature/${i}`);
    refs.forEach((ref, i) => branchWith(repo, ref, { write: { [`f${i}.txt`]: `${i}\n` } }));

    const withBase = await conflictMatrix({ repo, branches: onMain(...refs) });
    const without = await conflictMatrix({ repo, branches: refs.map((ref) => ({ ref })) });

    expect(withBase.checks).toHaveLength((n * (n + 1)) / 2);
    expect(without.checks).toHaveLength((n * (n - 1)) / 2);
    expect([...withBase.checks, ...without.checks].every((c) => c.status === 'clean')).toBe(true);
  });

  test('identical checks run once: a repeated branch, a pair met again as a base, a branch on its own base', async () => {
    const repo = threeBranches();
    const { seen, detect } = counting();

    const matrix = await conflictMatrix({ repo, branches: [...onMain('main', 'a', 'c'), { ref: 'a' }], detect, preflight: false });

    expect(matrix.refs).toEqual(['main', 'a', 'c']);
    expect(summary(matrix.checks)).toEqual(['main a branch clean', 'main c branch clean', 'a c branch clean']);
    expect(seen.calls).toBe(3);
  });

  test('an unknown branch fails its own check, with the reason, while the others still run', async () => {
    const repo = threeBranches();

    const matrix = await conflictMatrix({ repo, branches: [{ ref: 'a' }, { ref: 'b' }, { ref: 'c', base: 'no-such-branch' }] });

    expect(summary(matrix.checks)).toEqual([
      'a b branch conflicts',
      'a c branch clean',
      'b c branch clean',
      'c no-such-branch base failed',
    ]);
    expect(matrix.checks[3]).toEqual({
      ours: 'c',
      theirs: 'no-such-branch',
      against: 'base',
      status: 'failed',
      conflicts: [],
      reason: `theirs "no-such-branch" does not name a commit in ${repo}.`,
    });
    expect(matrix).toMatchObject({ conflicting: 1, failed: 1 });
  });

  test('a check that throws anything at all is a failed check', async () => {
    const repo = threeBranches();
    const detect = (o: DetectConflictsOptions) => ([o.ours, o.theirs].includes('c') ? Promise.reject('not an Error') : detectConflicts(o));

    const matrix = await conflictMatrix({ repo, branches: onMain('a', 'c'), detect, preflight: false });

    expect(matrix.checks.map((c) => [c.status, c.reason])).toEqual([
      ['failed', 'not an Error'],
      ['clean', null],
      ['failed', 'not an Error'],
    ]);
  });
});

describe('conflictMatrix runs a bounded number of checks at once', () => {
  test.each([1, 2, 3])('concurrency %i: never more checks in flight, and the same results', async (concurrency) => {
    const repo = threeBranches();
    const { seen, detect } = counting(() => 20);

    const matrix = await conflictMatrix({ repo, branches: onMain('a', 'b', 'c'), concurrency, detect, preflight: false });

    expect(seen).toEqual({ calls: 6, inFlight: 0, maxInFlight: concurrency });
    expect(matrix).toEqual(await conflictMatrix({ repo, branches: onMain('a', 'b', 'c') }));
  });

  test('by default two to four at once', async () => {
    const repo = threeBranches();
    const { seen, detect } = counting(() => 20);

    await conflictMatrix({ repo, branches: onMain('a', 'b', 'c'), detect, preflight: false });

    expect(seen.maxInFlight).toBeGreaterThanOrEqual(2);
    expect(seen.maxInFlight).toBeLessThanOrEqual(4);
  });

  test('results come back in plan order, whatever order the checks run in', async () => {
    const repo = threeBranches();
    const order = ['a b', 'a c', 'b c', 'a main', 'b main', 'c main'];
    const reachedGit: string[] = [];
    // All at once, the first planned held longest: they get to git in reverse.
    const detect = async (o: DetectConflictsOptions) => {
      const name = `${o.ours} ${o.theirs}`;
      await new Promise((resolve) => setTimeout(resolve, 30 * (order.length - order.indexOf(name))));
      reachedGit.push(name);
      return detectConflicts(o);
    };

    const matrix = await conflictMatrix({ repo, branches: onMain('a', 'b', 'c'), concurrency: 6, detect, preflight: false });

    expect(reachedGit).toEqual([...order].reverse());
    expect(matrix.checks.map((c) => `${c.ours} ${c.theirs}`)).toEqual(order);
    expect(matrix).toEqual(await conflictMatrix({ repo, branches: onMain('a', 'b', 'c'), concurrency: 1 }));
  });
});

describe('conflictMatrix refuses bad input before anything runs', () => {
  test.each([
    [{ ref: '--upload-pack=evil' }, 'branch "--upload-pack=evil"'],
    [{ ref: 'a', base: 'main~1' }, 'base of a "main~1"'],
  ])('%j', async (bad, named) => {
    const repo = threeBranches();
    const { seen, detect } = counting();

    const error = await rejectionOf(conflictMatrix({ repo, branches: [{ ref: 'b', base: 'main' }, bad], detect, preflight: false }));

    expect(error.code).toBe('INVALID_REF');
    expect(error.message).toContain(named);
    expect(seen.calls).toBe(0);
  });

  test.each([0, 1.5, Number.NaN])('concurrency %p', async (concurrency) => {
    const error = await rejectionOf(conflictMatrix({ repo: '.', branches: [], concurrency }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: `The concurrency ${concurrency} is not valid: give a whole number, 1 or more.` });
  });

  test('no branches: an empty matrix', async () => {
    const repo = makeRepo();
    expect(await conflictMatrix({ repo, branches: [] })).toEqual({ repo, refs: [], checks: [], conflicting: 0, failed: 0 });
  });
});

describe('conflictMatrix keeps what it found by the commits of each pair', () => {
  test('asked again, it runs no check of branches that did not move; a moved branch runs its own pairs again', async () => {
    const repo = threeBranches();
    const branches = onMain('a', 'b', 'c');
    const first = await withGitCalls(() => conflictMatrix({ repo, branches, preflight: false }));
    const again = await withGitCalls(() => conflictMatrix({ repo, branches, preflight: false }));
    git(repo, 'switch', '-q', 'b');
    commitFiles(repo, { 'shared.txt': LINES }, 'b gives up its change');
    git(repo, 'switch', '-q', 'main');
    const moved = await withGitCalls(() => conflictMatrix({ repo, branches, preflight: false }));

    expect(countOf(first.calls, 'merge-tree')).toBe(6);
    expect(again.result).toEqual(first.result);
    expect(countOf(again.calls, 'merge-tree')).toBe(0);
    // a×b, b×c and b×main: the pairs b is in.
    expect(countOf(moved.calls, 'merge-tree')).toBe(3);
    expect(summary(moved.result.checks)).toEqual(summary(first.result.checks).map((line) => line.replace('a b branch conflicts', 'a b branch clean')));
  });

  test('it tells how many checks have ended as each ends, those it kept too', async () => {
    const repo = threeBranches();
    const progress = () => {
      const told: Array<[number, number]> = [];
      return { told, onCheck: (done: number, total: number) => told.push([done, total]) };
    };
    const [first, again] = [progress(), progress()];
    await conflictMatrix({ repo, branches: onMain('a', 'b', 'c'), onCheck: first.onCheck });
    await conflictMatrix({ repo, branches: onMain('a', 'b', 'c'), onCheck: again.onCheck });
    const counted = [1, 2, 3, 4, 5, 6].map((done) => [done, 6]);
    expect(first.told).toEqual(counted);
    expect(again.told).toEqual(counted);
  });

  test('what it hands back is a copy: changing one matrix changes no later one', async () => {
    const repo = threeBranches();
    const first = await conflictMatrix({ repo, branches: onMain('a', 'b') });
    first.checks[0]?.conflicts.splice(0);
    expect((await conflictMatrix({ repo, branches: onMain('a', 'b') })).checks[0]?.conflicts).toHaveLength(1);
  });

  test('the same commits under other names are checked under those names', async () => {
    const repo = threeBranches();
    git(repo, 'branch', 'a2', 'a');
    git(repo, 'branch', 'b2', 'b');
    await conflictMatrix({ repo, branches: onMain('a', 'b') });
    const renamed = await conflictMatrix({ repo, branches: onMain('a2', 'b2') });
    expect(summary(renamed.checks)).toEqual(['a2 b2 branch conflicts', 'a2 main base clean', 'b2 main base clean']);
  });
});
