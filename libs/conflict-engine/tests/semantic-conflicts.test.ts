import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import { conflictMatrix, detectConflicts } from '../src';
import { mergeCommits, readSideDiffs } from '../src/semantic/side-files';
import { countOf, withGitCalls } from './git-calls';
import { branchWith, twoSides } from './support';

afterAll(() => removeTempDirs());

const MATH = 'export function mul(a: number, b: number): number {\n  return a * b;\n}\n\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n';

describe('detectConflicts finds semantic conflicts between branches git merges cleanly', () => {
  test('one side renames mul to times, the other adds a caller of mul in a new file', async () => {
    const repo = twoSides(
      { 'src/math.ts': MATH },
      { write: { 'src/math.ts': MATH.replace('function mul', 'function times') } },
      { write: { 'src/area.ts': "import { mul } from './math';\n\nexport const area = (w: number, h: number) => mul(w, h);\n" } },
    );

    const report = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });

    expect(report.clean).toBe(false);
    expect(report.conflicts).toHaveLength(1);
    const [conflict] = report.conflicts;
    expect(conflict).toMatchObject({
      path: 'src/area.ts',
      kind: 'semantic',
      classification: { class: 'SEMANTIC', severity: 'critical', declarations: ['mul', 'times'] },
      semantic: {
        change: 'renamed',
        declaration: { side: 'ours', ref: 'ours', path: 'src/math.ts', line: 1, name: 'mul', newName: 'times' },
        uses: [
          { side: 'theirs', ref: 'theirs', path: 'src/area.ts', line: 1, name: 'mul', code: "import { mul } from './math';" },
          { side: 'theirs', ref: 'theirs', path: 'src/area.ts', line: 3, name: 'mul' },
        ],
      },
    });
    expect(conflict!.classification!.reason).toBe(
      'ours (ours) renames mul to times (src/math.ts:1), but theirs (theirs) still imports it in src/area.ts:1, 3, in lines it added or changed',
    );
  });
});

describe('each kind of break', () => {
  test('an export one side removes, still imported by the other side (in a file it changed)', async () => {
    const repo = twoSides(
      { 'src/math.ts': MATH, 'src/report.ts': "import { add } from './math';\n\nexport const total = add(1, 2);\n" },
      { write: { 'src/report.ts': "import { add, mul } from './math';\n\nexport const total = add(1, 2);\nexport const twice = mul(total, 2);\n" } },
      { write: { 'src/math.ts': MATH.slice(0, MATH.indexOf('export function add')).trimEnd() + '\n' } },
    );

    const report = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });

    expect(report.conflicts.map((c) => c.semantic)).toEqual([
      {
        change: 'removed',
        declaration: { side: 'theirs', ref: 'theirs', path: 'src/math.ts', line: 5, name: 'add', newName: null, arity: null },
        uses: [{ side: 'ours', ref: 'ours', path: 'src/report.ts', line: 1, name: 'add', code: "import { add, mul } from './math';" }],
      },
    ]);
    expect(report.conflicts[0]!.classification!.reason).toBe(
      'theirs (theirs) removes add (src/math.ts:5 at the merge base), but ours (ours) still imports it in src/report.ts:1, in lines it added or changed',
    );
  });

  test('a function whose arity one side changes, called the old way by the other side', async () => {
    const repo = twoSides(
      { 'src/math.ts': MATH },
      { write: { 'src/math.ts': MATH.replace('add(a: number, b: number)', 'add(a: number, b: number, c: number)').replace('a + b', 'a + b + c') } },
      { write: { 'src/sum.ts': "import { add } from './math';\n\nexport const ok = add(1, 2);\n" } },
    );

    const report = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });

    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]!.semantic).toMatchObject({
      change: 'arity',
      declaration: { side: 'ours', path: 'src/math.ts', line: 5, name: 'add', arity: { before: '2', after: '3' } },
      uses: [{ side: 'theirs', path: 'src/sum.ts', line: 3, code: 'export const ok = add(1, 2);' }],
    });
    expect(report.conflicts[0]!.classification!.reason).toContain('changes add to take 3 arguments instead of 2 (src/math.ts:5), but theirs (theirs) still calls it the old way in src/sum.ts:3');
  });

  test('an enum member renamed on one side, used through its enum on the other', async () => {
    const enumFile = "export enum Color {\n  Red = 'red',\n  Blue = 'blue',\n}\n";
    const repo = twoSides(
      { 'src/color.ts': enumFile },
      { write: { 'src/paint.ts': "import { Color } from './color';\n\nexport const wall = Color.Red;\n" } },
      { write: { 'src/color.ts': enumFile.replace('Red =', 'Crimson =') } },
    );

    const report = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });

    expect(report.conflicts.map((c) => c.semantic)).toMatchObject([
      { change: 'renamed', declaration: { path: 'src/color.ts', name: 'Color.Red', newName: 'Color.Crimson', line: 2 }, uses: [{ path: 'src/paint.ts', line: 3 }] },
    ]);
  });

  test('a method removed on one side, called in the same file by the other', async () => {
    const cls = 'export class Cart {\n  items: number[] = [];\n\n  clear(): void {\n    this.items = [];\n  }\n\n  size(): number {\n    return this.items.length;\n  }\n}\n';
    const repo = twoSides(
      { 'src/cart.ts': cls },
      { write: { 'src/cart.ts': cls.replace('  clear(): void {\n    this.items = [];\n  }\n\n', '') } },
      { write: { 'src/cart.ts': `${cls}\nexport function reset(cart: Cart): void {\n  cart.clear();\n}\n` } },
    );

    const report = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });

    expect(report.conflicts.map((c) => c.semantic)).toMatchObject([
      { change: 'removed', declaration: { side: 'ours', name: 'Cart.clear', line: 4 }, uses: [{ side: 'theirs', path: 'src/cart.ts', line: 14, code: 'cart.clear();' }] },
    ]);
  });
});

describe('an import through a tsconfig path alias', () => {
  // Two files of one name declare a class of one name; one side removes its method in both.
  const query = 'export class Query {\n  run(): number {\n    return 1;\n  }\n\n  inArrayMode(): boolean {\n    return false;\n  }\n}\n';
  const withoutMethod = query.replace('\n  inArrayMode(): boolean {\n    return false;\n  }\n', '');
  const user = "import type { Query } from '~/session.ts';\n\nexport function mode(q: Query): boolean {\n  return q.inArrayMode();\n}\n";
  const sides = (base: Record<string, string>) =>
    twoSides(
      { ...base, 'orm/src/session.ts': query, 'orm/src/pg/session.ts': query },
      { write: { 'orm/src/session.ts': withoutMethod, 'orm/src/pg/session.ts': withoutMethod } },
      { write: { 'orm/src/netlify/session.ts': user } },
    );
  const declaredIn = async (repo: string) => (await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' })).conflicts.map((c) => c.semantic?.declaration.path);

  test('names the one file the alias resolves to, by the nearest tsconfig and the config it extends', async () => {
    const repo = sides({
      'tsconfig.base.json': '{\n  // shared\n  "compilerOptions": { "strict": true, },\n}\n',
      'orm/tsconfig.json': '{ "extends": "../tsconfig.base.json", "compilerOptions": { "baseUrl": ".", "paths": { "~/*": ["src/*"] } } }',
    });

    expect(await declaredIn(repo)).toEqual(['orm/src/session.ts']);
  });

  test('classifying a conflicted file, a use elsewhere counts only where its alias names that file', async () => {
    const session = 'export function run(a: number): number {\n  return a;\n}\n\nexport const LIMIT = 1;\n';
    const caller = (from: string) => `import { run } from '${from}';\n\nexport const once = run(1);\n`;
    const repo = twoSides(
      { 'orm/tsconfig.json': '{ "compilerOptions": { "paths": { "~/*": ["src/*"] } } }', 'orm/src/session.ts': session, 'orm/src/pg/session.ts': session },
      { write: { 'orm/src/pg/session.ts': 'export const LIMIT = 2;\n' } },
      { write: { 'orm/src/pg/session.ts': session.replace('LIMIT = 1', 'LIMIT = 3'), 'orm/src/app.ts': caller('~/session.ts') } },
    );
    branchWith(repo, 'aliased', { write: { 'orm/src/pg/session.ts': session.replace('LIMIT = 1', 'LIMIT = 3'), 'orm/src/app.ts': caller('~/pg/session.ts') } });

    for (const semantic of [true, false]) {
      const classOf = async (theirs: string) => (await detectConflicts({ repo, ours: 'ours', theirs, semantic })).conflicts.map((c) => [c.path, c.classification?.class]);
      // `~/session.ts` is orm/src/session.ts, which ours left alone: its removal of pg's run breaks nothing there.
      expect(await classOf('theirs')).toEqual([['orm/src/pg/session.ts', 'CONCURRENT']]);
      // The semantic check finds the use in app.ts too (git merges that file cleanly).
      expect(await classOf('aliased')).toEqual([['orm/src/pg/session.ts', 'SEMANTIC'], ...(semantic ? [['orm/src/app.ts', 'SEMANTIC']] : [])]);
    }
  });

  test('without a tsconfig that maps it, every file the alias may name by its ending', async () => {
    const repo = sides({ 'orm/tsconfig.json': '{ "compilerOptions": { "strict": true } }' });

    expect((await declaredIn(repo)).sort()).toEqual(['orm/src/pg/session.ts', 'orm/src/session.ts']);
  });
});

describe('no semantic conflict', () => {
  test('when the other side does not touch the name', async () => {
    const repo = twoSides(
      { 'src/math.ts': MATH, 'src/old.ts': "import { mul } from './math';\n\nexport const six = mul(2, 3);\n" },
      { write: { 'src/math.ts': MATH.replace('function mul', 'function times') } },
      { write: { 'src/sum.ts': "import { add } from './math';\n\nexport const three = add(1, 2);\n// mul is documented elsewhere\n" } },
    );

    const report = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });

    expect(report).toMatchObject({ clean: true, conflicts: [] });
  });

  test('when a call fits the new arity, a local of the same name is used, or only the import list moved', async () => {
    const repo = twoSides(
      { 'src/math.ts': MATH },
      { write: { 'src/math.ts': MATH.replace('add(a: number, b: number)', 'add(a: number, b: number, c = 0)').replace('function mul', 'function times') } },
      {
        write: {
          'src/sum.ts': "import { add } from './math';\n\nexport const three = add(1, 2);\n",
          'src/local.ts': 'function mul(a: number, b: number): number {\n  return a * b;\n}\n\nexport const six = mul(2, 3);\n',
        },
      },
    );

    const report = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });

    expect(report).toMatchObject({ clean: true, conflicts: [] });
  });

  test('when the side that uses the name made the same change itself: the break is its own, not the merge\'s', async () => {
    const withoutAdd = MATH.slice(0, MATH.indexOf('export function add')).trimEnd() + '\n';
    const user = "import { add } from './math';\n\nexport const total = add(1, 2);\n";
    const repo = twoSides({ 'src/math.ts': MATH }, { write: { 'src/math.ts': withoutAdd } }, { write: { 'src/math.ts': withoutAdd, 'src/report.ts': user } });
    branchWith(repo, 'keeps', { write: { 'src/math.ts': `// keeps add\n${MATH}`, 'src/report.ts': user } });

    expect((await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' })).conflicts).toEqual([]);
    // The control: a side that changed the file but kept add still breaks.
    expect((await detectConflicts({ repo, ours: 'ours', theirs: 'keeps' })).conflicts.map((c) => c.semantic?.change)).toEqual(['removed']);
  });

  test('when the added lines name a local of the same name: a parameter, a destructured const, a loop or catch variable', async () => {
    const report = "import { add } from './math';\n\nexport const total = add(1, 2);\n";
    const shadows = [
      'export function count(add: number[]): number {\n  return add.length;\n}',
      'export const pick = ({ add }: { add: number }): number => add + 1;',
      'export function first(rows: number[][]): number {\n  for (const [add] of rows) return add;\n  return 0;\n}',
      'export function safe(): string {\n  try {\n    return String(total);\n  } catch (add) {\n    return String(add);\n  }\n}',
      'export function local(): number {\n  const add = (a: number) => a;\n  return add(1);\n}',
    ];
    const repo = twoSides(
      { 'src/math.ts': MATH, 'src/report.ts': report },
      { write: { 'src/math.ts': MATH.slice(0, MATH.indexOf('export function add')).trimEnd() + '\n' } },
      { write: { 'src/report.ts': `${report}\n${shadows.join('\n\n')}\n` } },
    );
    branchWith(repo, 'really', { write: { 'src/report.ts': `${report}\n${shadows[0]}\n\nexport const more = add(3, 4);\n` } });

    expect((await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' })).conflicts).toEqual([]);
    // The control: the import's own name, called in an added line.
    const really = await detectConflicts({ repo, ours: 'ours', theirs: 'really' });
    expect(really.conflicts.map((c) => c.semantic?.uses.map((u) => u.code))).toEqual([['export const more = add(3, 4);']]);
  });

  test('when the side that removed the name binds it in the using file itself: moved there, or imported from where it moved', async () => {
    const utils = 'export const shout = (s: string): string => s.toUpperCase();\n\nexport const quiet = (s: string): string => s.toLowerCase();\n';
    const app = "import { shout } from './utils';\n\nexport const a = 1;\nexport const b = 2;\nexport const c = 3;\n\nexport const hello = shout('hello');\n";
    const withoutShout = utils.replace("export const shout = (s: string): string => s.toUpperCase();\n\n", '');
    const repo = twoSides(
      { 'src/utils.ts': utils, 'src/app.ts': app },
      // Ours moves shout into app.ts, where it is used.
      { write: { 'src/utils.ts': withoutShout, 'src/app.ts': app.replace("import { shout } from './utils';", 'const shout = (s: string): string => s.toUpperCase();') } },
      // Theirs changes the line that uses it.
      { write: { 'src/app.ts': app.replace("shout('hello')", "shout('hello there')") } },
    );
    // Another branch moves shout to a module of its own, and imports it from there.
    branchWith(repo, 'moves', {
      write: { 'src/utils.ts': withoutShout, 'src/shout.ts': 'export const shout = (s: string): string => s.toUpperCase();\n', 'src/app.ts': app.replace("from './utils'", "from './shout'") },
    });
    // The control: removed with no new home, the changed use breaks.
    branchWith(repo, 'drops', { write: { 'src/utils.ts': withoutShout } });

    for (const ours of ['ours', 'moves']) expect((await detectConflicts({ repo, ours, theirs: 'theirs' })).conflicts).toEqual([]);
    const dropped = await detectConflicts({ repo, ours: 'drops', theirs: 'theirs' });
    expect(dropped.conflicts.map((c) => c.semantic?.uses.map((u) => u.code))).toEqual([["export const hello = shout('hello there');"]]);
  });

  test('when asked not to classify', async () => {
    const repo = twoSides(
      { 'src/math.ts': MATH },
      { write: { 'src/math.ts': MATH.replace('function mul', 'function times') } },
      { write: { 'src/area.ts': "import { mul } from './math';\n\nexport const area = mul(2, 3);\n" } },
    );

    expect(await detectConflicts({ repo, ours: 'ours', theirs: 'theirs', classify: false })).toMatchObject({ clean: true, conflicts: [] });
  });
});

describe('conflictMatrix', () => {
  test('a pair the history proves clean (separate files) is still checked for semantic breaks', async () => {
    const repo = makeRepo({ 'src/math.ts': MATH });
    branchWith(repo, 'renames', { write: { 'src/math.ts': MATH.replace('function mul', 'function times') } });
    branchWith(repo, 'calls', { write: { 'src/area.ts': "import { mul } from './math';\n\nexport const area = mul(2, 3);\n" } });
    branchWith(repo, 'elsewhere', { write: { 'README.md': 'docs\n' } });

    const matrix = await conflictMatrix({ repo, branches: ['renames', 'calls', 'elsewhere'].map((ref) => ({ ref, base: 'main' })) });

    expect(matrix.checks.map((c) => `${c.ours} ${c.theirs} ${c.status} ${c.conflicts.map((k) => `${k.kind} ${k.path}`).join()}`)).toEqual([
      'renames calls conflicts semantic src/area.ts',
      'renames elsewhere clean ',
      'calls elsewhere clean ',
      'renames main clean ',
      'calls main clean ',
      'elsewhere main clean ',
    ]);
    expect(matrix.conflicting).toBe(1);
    const unclassified = await conflictMatrix({ repo, branches: [{ ref: 'renames' }, { ref: 'calls' }], classify: false });
    expect(unclassified.checks.map((c) => c.status)).toEqual(['clean']);
    const classifiedOnly = await conflictMatrix({ repo, branches: [{ ref: 'renames' }, { ref: 'calls' }], semantic: false });
    expect(classifiedOnly.checks.map((c) => c.status)).toEqual(['clean']);
  });

  test('one rev-parse finds every pair\'s merge base, and each side\'s diff is read once', async () => {
    const math = `// one diff per side\n${MATH}`;
    const repo = makeRepo({ 'src/math.ts': math });
    branchWith(repo, 'renames', { write: { 'src/math.ts': math.replace('function mul', 'function times') } });
    branchWith(repo, 'calls', { write: { 'src/area.ts': "import { mul } from './math';\n\nexport const area = mul(2, 3);\n" } });
    branchWith(repo, 'adds', { write: { 'src/add.ts': "import { add } from './math';\n\nexport const two = add(1, 1);\n" } });

    // On one thread: worker threads each keep the diffs they read.
    const branches = ['renames', 'calls', 'adds'].map((ref) => ({ ref, base: 'main' }));
    const { result, calls } = await withGitCalls(() => conflictMatrix({ repo, branches, threads: 0 }));

    expect(result.checks.filter((c) => c.status === 'conflicts').map((c) => `${c.ours} ${c.theirs}`)).toEqual(['renames calls']);
    // Six checks, all from main: the sides are each branch, a diff each, and main itself, which
    // changed nothing since main (its trees say so: no diff).
    expect(calls.filter((args) => args.includes('rev-parse') && args.some((a) => a.includes('...'))).map((args) => args.length)).toEqual([7]);
    expect(countOf(calls, 'diff')).toBe(3);
  });
});

describe('the sides\' diffs are kept by merge base and tip', () => {
  test('checking the same commits again reads no diff; a side that moved reads its own again, the other side none', async () => {
    const caller = "import { mul } from './math';\n\nexport const area = (w: number, h: number) => mul(w, h);\n";
    // Blobs no other test makes: what this process keeps from other tests does not count here.
    const math = `// kept by blob ids\n${MATH}`;
    const repo = twoSides(
      { 'src/math.ts': math },
      { write: { 'src/math.ts': math.replace('function mul', 'function times') } },
      { write: { 'src/area.ts': caller } },
    );
    const check = () => withGitCalls(() => detectConflicts({ repo, ours: 'ours', theirs: 'theirs' }));

    const first = await check();
    const again = await check();
    git(repo, 'switch', '-q', 'theirs');
    commitFiles(repo, { 'src/volume.ts': caller.replace('area', 'volume') }, 'another caller');
    const moved = await check();

    // Each side: one diff of its code files (beside the rev-parse that names the commits).
    expect(countOf(first.calls, 'diff')).toBe(2);
    expect(countOf(again.calls, 'diff')).toBe(0);
    // One read for the changed file's two versions and the caller (its imports say it can reach the
    // changed file); the APIs are kept too: again, only the caller's text is read, to find the use.
    expect([countOf(first.calls, 'cat-file'), countOf(again.calls, 'cat-file')]).toEqual([1, 1]);
    expect(again.result).toEqual(first.result);
    // Theirs moved, the merge base did not: only theirs' diff is read again.
    expect(moved.calls.filter((args) => args.includes('diff')).map((args) => args.find((a) => a.includes('..')))).toEqual([expect.stringMatching(/^[0-9a-f]{40}\.\.[0-9a-f]{40}$/)]);
    expect(moved.result.conflicts.map((c) => c.path)).toEqual(['src/area.ts', 'src/volume.ts']);
  });

  test('sides from different merge bases share the diffs of the files they changed alike', async () => {
    const app = 'export const app = 1;\n';
    const repo = makeRepo({ 'src/math.ts': `// shared file diffs\n${MATH}`, 'src/app.ts': app });
    branchWith(repo, 'old', { write: { 'src/old.ts': 'export const old = 1;\n' } });
    git(repo, 'switch', '-q', 'main');
    commitFiles(repo, { 'src/app.ts': `${app}export const later = 2;\n` }, 'main moves on');
    branchWith(repo, 'feature', { write: { 'src/math.ts': `// shared file diffs\n${MATH.replace('function mul', 'function times')}` } });
    branchWith(repo, 'new', { write: { 'src/new.ts': 'export const fresh = 1;\n' } });
    const [fromOld, fromNew] = await mergeCommits(repo, [
      ['old', 'feature'],
      ['new', 'feature'],
    ]);
    expect(fromOld!.base).not.toBe(fromNew!.base);

    const first = await withGitCalls(() => readSideDiffs(repo, 'old', 'feature', fromOld));
    const second = await withGitCalls(() => readSideDiffs(repo, 'new', 'feature', fromNew));

    // From the older base, feature's side holds main's later change too; from the newer, only its own.
    expect(first.result.theirs.map((f) => f.path)).toEqual(['src/app.ts', 'src/math.ts']);
    expect(second.result.theirs.map((f) => f.path)).toEqual(['src/math.ts']);
    expect(second.result.theirs[0]).toBe(first.result.theirs[1]);
    // One diff per side the first time; then only new's: feature's math.ts was read before.
    expect(countOf(first.calls, 'diff')).toBe(2);
    expect(second.calls.filter((args) => args.includes('diff')).map((args) => args.slice(-2))).toEqual([['--', 'src/new.ts']]);
  });

  test('a side that changed hundreds of code files is read in its first 300', async () => {
    const caller = "import { mul } from './math';\n\nexport const area = (w: number, h: number) => mul(w, h);\n";
    const many = Object.fromEntries(Array.from({ length: 320 }, (_, i) => [`src/gen/f${String(i).padStart(3, '0')}.ts`, `export const f${i} = ${i};\n`]));
    const repo = twoSides(
      { 'src/math.ts': MATH },
      { write: { 'src/math.ts': MATH.replace('function mul', 'function times') } },
      // git lists paths in order: the first caller is among the first 300 files, the second after them.
      { write: { 'src/a-area.ts': caller, 'src/z-area.ts': caller, ...many } },
    );

    const { result, calls } = await withGitCalls(() => detectConflicts({ repo, ours: 'ours', theirs: 'theirs' }));

    expect(result.conflicts.map((c) => [c.kind, c.path])).toEqual([['semantic', 'src/a-area.ts']]);
    expect(countOf(calls, 'diff')).toBe(2);
  });

  test('read file by file, a side goes on past a binary code file, as its whole diff does', async () => {
    const caller = "import { mul } from './math';\n\nexport const area = (w: number, h: number) => mul(w, h);\n";
    const repo = twoSides(
      { 'src/math.ts': MATH },
      { write: { 'src/math.ts': MATH.replace('function mul', 'function times') } },
      // git shows no lines of the binary file, which comes first in git's order.
      { write: { 'src/a-binary.ts': 'export const x = 1;\u0000\n', 'src/b-area.ts': caller } },
    );
    const [commits] = await mergeCommits(repo, [['ours', 'theirs']]);

    const sides = await readSideDiffs(repo, 'ours', 'theirs', commits);

    expect(sides.theirs.map((f) => f.path)).toEqual(['src/b-area.ts']);
    const report = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });
    expect(report.conflicts.map((c) => [c.kind, c.path])).toEqual([['semantic', 'src/b-area.ts']]);
  });

  test('read file by file, a code file that became a symlink is deleted, and one that was a symlink added', async () => {
    const repo = makeRepo({ 'src/gone.ts': 'export const gone = 1;\n', 'src/target.ts': 'export const t = 1;\n' });
    fs.symlinkSync('target.ts', path.join(repo, 'src', 'was-link.ts'));
    commitFiles(repo, {}, 'a symlink');
    git(repo, 'switch', '-q', '-c', 'side');
    fs.rmSync(path.join(repo, 'src', 'gone.ts'));
    fs.symlinkSync('target.ts', path.join(repo, 'src', 'gone.ts'));
    fs.rmSync(path.join(repo, 'src', 'was-link.ts'));
    commitFiles(repo, { 'src/was-link.ts': 'export const now = 1;\n' }, 'swap them');
    const [commits] = await mergeCommits(repo, [['main', 'side']]);

    const sides = await readSideDiffs(repo, 'main', 'side', commits);

    expect(sides.theirs.map((f) => [f.path, f.status, f.addedText])).toEqual([
      ['src/gone.ts', 'deleted', ''],
      ['src/was-link.ts', 'added', 'export const now = 1;'],
    ]);
  });

  test('a side whose diff passes four million characters is read in the files before that, whole or file by file', async () => {
    const caller = "import { mul } from './math';\n\nexport const area = (w: number, h: number) => mul(w, h);\n";
    const line = `export const filler = '${'x'.repeat(100)}';\n`;
    const big = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`src/m-big${i}.ts`, line.repeat(15_000)]));
    const repo = () =>
      twoSides(
        { 'src/math.ts': MATH },
        { write: { 'src/math.ts': MATH.replace('function mul', 'function times') } },
        // 4.7 MB of diff in the big files: the caller before them is read, the one after them is not.
        { write: { 'src/a-area.ts': caller, 'src/z-area.ts': caller, ...big } },
      );

    const result = await detectConflicts({ repo: repo(), ours: 'ours', theirs: 'theirs' });
    expect(result.conflicts.map((c) => [c.kind, c.path])).toEqual([['semantic', 'src/a-area.ts']]);
    // With the merge base known (as a matrix knows it), a new repository's side is read file by file, to the same bound.
    const other = repo();
    const [commits] = await mergeCommits(other, [['ours', 'theirs']]);
    const sides = await readSideDiffs(other, 'ours', 'theirs', commits);
    expect(sides.theirs.map((f) => f.path)).toEqual(['src/a-area.ts', 'src/m-big0.ts', 'src/m-big1.ts']);
  });
});
