import * as fs from 'node:fs';
import * as path from 'node:path';
import { apiOf } from '../src/semantic/api-of';
import { breakingChanges } from '../src/semantic/breaking-changes';
import { changedStatements } from '../src/semantic/changed-statements';
import { usesInLines } from '../src/semantic/uses-in-lines';
import { declarationsSource } from '../src/semantic/declarations-only';
import { fileOffset } from '../src/semantic/focused-source';
import { sourceFile, ts as typescript } from '../src/semantic/typescript-source';
import { importedSpecifiers, mayNameFile, ReachIndex } from '../src/semantic/module-paths';
import { parseSideDiff } from '../src/semantic/side-diff';
import { declaredNamesOf, wordsOf } from '../src/semantic/words';
import { addsUsesOf, countUses, usesOfNames } from '../src/classify/uses';
import { readSideDiffs } from '../src/semantic/side-files';
import { commitFiles, git, makeRepo, removeTempDirs } from '@parallel-cc/test-utils';

// `git -c core.quotePath=false diff -U0 --full-index --no-renames --src-prefix=a/ --dst-prefix=b/ main...side -- '*.ts' '*.js'`,
// captured from git 2.39.5: a rename of mul and an added line, a new file with a quote in its name, a deleted file with a space.
const SIDE_DIFF = fs.readFileSync(path.join(__dirname, 'fixtures/side-diff.out'), 'utf8');

describe('parseSideDiff', () => {
  test('reads each file: status, blob ids, added lines and their text, removed lines and function lines', () => {
    expect(parseSideDiff(SIDE_DIFF)).toEqual([
      {
        path: 'm.ts',
        status: 'modified',
        baseBlob: 'a118165f7b4510b5b66e81cadfa4181ac56d759b',
        sideBlob: 'a7ff8b3bf01cc780f0d4cf7db121c9806583213c',
        added: [
          [1, 1],
          [5, 5],
        ],
        addedText: 'export function times(a: number, b: number) {\nexport const y = 2;',
        removedText: 'export function mul(a: number, b: number) {',
        touchedText: '\nexport function mul(a: number, b: number) {\nexport const x = 1;',
      },
      { path: 'n"q.ts', status: 'added', baseBlob: null, sideBlob: '490c882c3e6093e96b5032426bd9992a7cec345c', added: [[1, 1]], addedText: 'import { mul } from "./m";', removedText: '', touchedText: '' },
      { path: 'old file.js', status: 'deleted', baseBlob: '286c5f5776916d7d7d5849988ca9d83e722cf9c2', sideBlob: null, added: [], addedText: '', removedText: 'gone', touchedText: '\ngone' },
    ]);
  });
});

describe('the lines a side touched', () => {
  afterAll(removeTempDirs);

  const BASE = [
    'export interface Shape {',
    '  area(): number;',
    '  name: string;',
    '}',
    '',
    "describe('shapes', () => {",
    '  const helper = 1;',
    "  it('works', () => {",
    '    expect(helper).toBe(1);',
    '  });',
    '});',
    '',
    'export class Box {',
    '  width = 1;',
    '}',
    '',
  ].join('\n');

  test('keep indented lines under a declaration that holds members, and leave out those in a call or function body', async () => {
    const repo = makeRepo({ 'shapes.ts': BASE });
    git(repo, 'checkout', '-q', '-b', 'side');
    commitFiles(repo, { 'shapes.ts': BASE.replace('  name: string;\n', '').replace('const helper = 1', 'const helper2 = 1').replace('width = 1', 'width = 2') }, 'side');
    const { theirs } = await readSideDiffs(repo, 'main', 'side');
    const touched = theirs[0]!.touchedText.split('\n');
    expect(touched).toEqual(expect.arrayContaining(['  name: string;', '  width = 1;']));
    expect(touched).not.toContain('  const helper = 1;');
    expect(theirs[0]!.removedText).toContain('  const helper = 1;');
    expect(declaredNamesOf(theirs[0]!.touchedText).reachable).toEqual(new Set(['Shape', 'name', 'Box', 'width']));
  });

  test('keep every indented line when nothing tells what holds it (no function line)', () => {
    const diff = [
      'diff --git a/x.ts b/x.ts',
      'index 1111111111111111111111111111111111111111..2222222222222222222222222222222222222222 100644',
      '--- a/x.ts',
      '+++ b/x.ts',
      '@@ -1 +0,0 @@',
      '-  indented(): void;',
      '@@ -5 +4 @@   nested() {',
      '-  other: number;',
      '+  other: string;',
      '',
    ].join('\n');
    expect(parseSideDiff(diff)[0]!.touchedText).toBe('\n  indented(): void;\n  nested() {\n  other: number;');
  });
});

describe('which files can reach a declaration', () => {
  test('importedSpecifiers: every module imported, re-exported or required, written as it is', () => {
    const text = "import { a } from './a';\nexport { b } from \"../b\";\nimport type {\n  C,\n} from '@/c';\nimport './side-effect';\nconst d = require('d');\nimport { a2 } from './a';\nconst e = await import ( 'e');\nx(); import 'not-at-start';\nrequire 'no-paren';\n";
    expect(importedSpecifiers(text)).toEqual(['./a', '../b', '@/c', './side-effect', 'd', 'e']);
  });

  test('ReachIndex: the files counted, and what their imports may name, as mayNameFile says', () => {
    const index = new ReachIndex();
    index.add('src/app.ts', ['react', './math', '../lib']);
    index.add('src/ui/view.tsx', ['@/shared/format', './index.js']);
    const targets = ['src/app.ts', 'src/math.ts', 'src/math/index.ts', 'lib/index.ts', 'lib.ts', 'src/shared/format.ts', 'shared/format.tsx', 'src/ui/index.ts', 'src/ui/view.tsx', 'src/other.ts', 'react.ts', 'node_modules/react/index.js', 'format.ts'];
    const expected = (target: string) =>
      [['src/app.ts', ['react', './math', '../lib']] as const, ['src/ui/view.tsx', ['@/shared/format', './index.js']] as const].some(
        ([from, specifiers]) => from === target || specifiers.some((s) => mayNameFile(s, from, target)),
      );
    for (const target of targets) expect([target, index.reaches(target)]).toEqual([target, expected(target)]);
    expect(targets.filter((t) => index.reaches(t))).toEqual(expect.arrayContaining(['src/app.ts', 'src/math.ts', 'src/shared/format.ts', 'src/ui/index.ts']));
    expect(index.reaches('src/other.ts')).toBe(false);
  });
});

describe('apiOf and breakingChanges', () => {
  const before = apiOf(
    'a.ts',
    [
      'export function f(a: number, b?: number): number { return a; }',
      'function g(...rest: number[]) { return rest; }',
      'export class Shape {',
      '  area(scale: number): number { return scale; }',
      '  private secret = 1;',
      '}',
      'export interface Options { verbose: boolean }',
      "export enum Mode { Fast = 'fast', Slow = 'slow' }",
      'const local = 1;',
      'export { local };',
      "export { other } from './other';",
    ].join('\n'),
  );

  test('lists top-level names, members and their arity, exported or not', () => {
    expect([...before.values()].map((i) => [i.key, i.kind, i.exported, i.arity && [i.arity.min, i.arity.max]])).toEqual([
      ['f', 'function', true, [1, 2]],
      ['g', 'function', false, [0, Infinity]],
      ['Shape', 'class', true, null],
      ['Shape.area', 'method', true, [1, 1]],
      ['Options', 'interface', true, null],
      ['Options.verbose', 'property', true, null],
      ['Mode', 'enum', true, null],
      ['Mode.Fast', 'enum member', true, null],
      ['Mode.Slow', 'enum member', true, null],
      ['local', 'variable', true, null],
      ['other', 're-export', true, null],
    ]);
  });

  test('a renamed class carries its members along; removals, unexports and arity changes are breaks', () => {
    const after = apiOf(
      'a.ts',
      [
        'export function f(a: number): number { return a; }',
        'function g(...rest: number[]) { return rest; }',
        'export class Figure {',
        '  area(scale: number): number { return scale; }',
        '}',
        'export interface Options { quiet: boolean }',
        "export enum Mode { Fast = 'fast' }",
        'const local = 1;',
      ].join('\n'),
    );

    expect(breakingChanges(before, after).map((b) => `${b.change} ${b.before.key}${b.after && b.change === 'renamed' ? ` ${b.after.key}` : ''}`)).toEqual([
      'arity f',
      'unexported local',
      'renamed Shape Figure',
      'removed other',
      'renamed Options.verbose Options.quiet',
      'removed Mode.Slow',
    ]);
  });
});

describe('mayNameFile', () => {
  test.each([
    ['./math', 'src/app.ts', 'src/math.ts', true],
    ['./math.js', 'src/app.ts', 'src/math.ts', true],
    ['../lib', 'src/app/x.ts', 'src/lib/index.ts', true],
    ['@/lib/math', 'src/app.ts', 'src/lib/math.ts', true],
    ['./other', 'src/app.ts', 'src/math.ts', false],
    ['react', 'src/app.ts', 'src/math.ts', false],
  ])('%s from %s names %s: %s', (specifier, from, target, expected) => {
    expect(mayNameFile(specifier, from, target)).toBe(expected);
  });
});

describe('the word filters', () => {
  test('countUses: whole words only, not after `#`, as the pattern `(?<![\\w$#])name(?![\\w$])` counts them', () => {
    const text = "mul(a); amul; mul2; $mul; mul$; #mul; this.mul; émul; mul\nmul,mulmul 'mul'";
    const byPattern = (name: string) => text.match(new RegExp(`(?<![\\w$#])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g'))?.length ?? 0;
    for (const name of ['mul', 'amul', 'mul$', '$mul', 'a', 'mulmul']) expect(countUses(name, text)).toBe(byPattern(name));
    expect(countUses('mul', text)).toBe(6);
    expect(countUses('aa', 'aaa aa')).toBe(1);
    expect(countUses('', text)).toBe(0);
    // A name with other characters is counted by pattern.
    expect(countUses('a.b', 'a.b(a.b) xa.b')).toBe(2);
  });

  test('usesOfNames: each name counted as countUses counts it, in one pass', () => {
    const text = "mul,mul mul(add); #add; $mul; add$ x.add a.b(a.b) b; 'mul'\nmul";
    const names = new Set(['mul', 'add', 'add$', '$mul', 'a.b', 'b', 'absent', '']);
    const counts = usesOfNames(names, text);
    expect(Object.fromEntries(counts)).toEqual({ mul: 5, add: 2, add$: 1, $mul: 1, 'a.b': 2, b: 3, absent: 0 });
    for (const name of names) if (name) expect(counts.get(name)).toBe(countUses(name, text));
  });

  test('addsUsesOf: a name used more often than at the merge base, by whole text or by diff', () => {
    const names = new Set(['mul', 'add']);
    expect(addsUsesOf(names, { path: 'a.ts', text: 'add(mul(1, 2));', baseText: 'add(1);' })).toBe(true);
    expect(addsUsesOf(names, { path: 'a.ts', text: 'add(1); // moved', baseText: 'add(1);' })).toBe(false);
    expect(addsUsesOf(names, { path: 'a.ts', text: '', diff: { added: 'mul(3)', removed: 'mul(2)' } })).toBe(false);
    expect(addsUsesOf(names, { path: 'a.ts', text: '', diff: { added: 'mul(add(3))', removed: 'mul(2)' } })).toBe(true);
  });

  test('wordsOf: identifier-like words, reserved words left out', () => {
    expect([...wordsOf("export const area = mul(w, $h); // 'quoted'")]).toEqual(['area', 'mul', 'w', '$h', 'quoted']);
  });

  test('declaredNamesOf: names a removed line may declare, not what it only uses; without export, only for its own file', () => {
    const removed = [
      'export function mul(a: number, b: number) {',
      '  static async area(scale: number): number {',
      "  Red = 'red',",
      '  verbose?: boolean;',
      'export { one, two as three };',
      'const total = add(1, 2) + sub(3);',
      'function helper(x: number) {',
      '  const inner = 1;',
      '  return helper(x);',
      "  test('a case', () => {",
      '  expect(x).toBe(1);',
      '  git(repo);',
    ].join('\n');
    const { reachable, local } = declaredNamesOf(removed);
    expect([...reachable].sort()).toEqual(['Red', 'area', 'mul', 'one', 'three', 'two', 'verbose']);
    expect([...local].sort()).toEqual(['helper', 'inner', 'total']);
  });
});

describe('declarationsSource', () => {
  const loop = Array.from({ length: 50 }, (_, i) => `\tit('case ${i}', () => {\n\t\texpect(mul(${i}, 2)).toBe(${i * 2});\n\t});`).join('\n');
  const text = [
    "import { mul } from './calc';",
    '',
    '/** Doubles. */',
    'export function double(x: number): number {',
    '\treturn mul(x, 2);',
    '}',
    '',
    `describe('calc', () => {\n${loop}\n});`,
    '',
    'for (const n of [1, 2]) console.log(n);',
    '',
    'export class Calc {',
    '\tadd(a: number, b: number) {',
    '\t\treturn a + b;',
    '\t}',
    '}',
    'const local = 1; export const other = 2;',
    '',
  ].join('\n');

  it('leaves the statements that declare nothing out of the tree, lines kept and offsets found again', () => {
    const source = declarationsSource('calc.test.ts', text);
    const kinds = source.statements.map((s) => typescript().SyntaxKind[s.kind]);
    expect(kinds).toEqual(['FunctionDeclaration', 'ClassDeclaration', 'FirstStatement', 'FirstStatement']);
    const cls = source.statements[1]!;
    expect(cls.getText(source)).toBe(text.slice(text.indexOf('export class'), text.indexOf('const local') - 1));
    expect(source.text.length).toBeLessThan(text.length / 4);
    const [start, end] = [fileOffset(source, cls.getStart(source)), fileOffset(source, cls.end)];
    expect(text.slice(start, end)).toBe(cls.getText(source));
    expect(source.getLineAndCharacterOfPosition(cls.getStart(source)).line).toBe(text.slice(0, start).split('\n').length - 1);
  });

  it('gives apiOf the same items, lines and shapes as a whole parse', () => {
    const api = apiOf('calc.test.ts', text);
    const whole = sourceFile('calc.test.ts', text, false);
    expect(whole.statements).toHaveLength(7);
    expect([...api.keys()]).toEqual(['double', 'Calc', 'Calc.add', 'local', 'other']);
    expect(api.get('Calc.add')).toMatchObject({ line: text.slice(0, text.indexOf('\tadd(')).split('\n').length, arity: { min: 2, max: 2 }, exported: true });
    expect(api.get('double')?.shape).toBe('export function §(x: number): number { return mul(x, 2); }');
  });

  it('parses the whole file when the light cut is not sure', () => {
    const unbalanced = 'export function f() {\n  return `${1\n}\n';
    expect(declarationsSource('odd.ts', unbalanced).statements.length).toBe(sourceFile('odd.ts', unbalanced, false).statements.length);
    // A line opening a unit that goes on: the unit ends where the scan says, and the parse must agree.
    const split = 'export const a = [\n1,\n];\ncall();\n';
    expect(declarationsSource('split.ts', split).statements).toHaveLength(1);
  });
});

describe('reading only what changed', () => {
  const helpers = Array.from({ length: 40 }, (_, i) => `export function helper${i}(a: number) {\n  return a + ${i};\n}`);
  const base = [
    "import { x } from './x';",
    ...helpers,
    'export function over(a: number): number;',
    'export function over(a: number, b?: number): number {\n  return a + (b ?? 0);\n}',
    'function local(a: number) {\n  return a;\n}',
    'export { local };',
    'export function mul(a: number, b: number) {\n  return a * b;\n}',
    '',
  ].join('\n');
  const side = base
    .replace('export function mul(a: number, b: number) {\n  return a * b;\n}', 'export function times(a: number, b: number) {\n  return a * b;\n}')
    .replace('export function over(a: number, b?: number): number {\n  return a + (b ?? 0);\n}', 'export function over(a: number, b?: number): number {\n  return a + (b ?? 1);\n}')
    .replace('function local(a: number) {', 'function local(a: number, b: number) {');

  it('takes the statements that differ, those sharing a name with one, and export lists', () => {
    const keep = changedStatements(base, side)!;
    expect(keep('export function helper3(a: number) {\n  return a + 3;\n}')).toBe(false);
    expect(keep("import { x } from './x';")).toBe(false);
    expect(keep('export function mul(a: number, b: number) {\n  return a * b;\n}')).toBe(true);
    expect(keep('export function over(a: number): number;')).toBe(true);
    expect(keep('export { local };')).toBe(true);
  });

  it('finds the same breaking changes as reading the whole files', () => {
    const keep = changedStatements(base, side)!;
    const whole = breakingChanges(apiOf('m.ts', base), apiOf('m.ts', side));
    const focused = breakingChanges(apiOf('m.ts', base, keep), apiOf('m.ts', side, keep));
    const summary = (changes: typeof whole) => changes.map((c) => `${c.change} ${c.before.key} ${c.after?.key ?? ''} ${c.before.line}`).sort();
    expect(summary(focused)).toEqual(summary(whole));
    const lineOf = (code: string) => base.split('\n').indexOf(code) + 1;
    expect(summary(focused)).toEqual([`arity local local ${lineOf('function local(a: number) {')}`, `renamed mul times ${lineOf('export function mul(a: number, b: number) {')}`]);
    expect(apiOf('m.ts', base, keep).has('helper3')).toBe(false);
  });

  it('finds the uses in added lines of a long file, with its imports, when only those lines are parsed', () => {
    const text = ["import { mul as product } from './m';", ...helpers, 'export const a = product(1, 2);', ...helpers.map((h) => h.replace('helper', 'more')), ''].join('\n');
    const line = text.split('\n').indexOf('export const a = product(1, 2);') + 1;
    const { imports, uses } = usesInLines('u.ts', text, [[line, line]], new Set(['product', 'helper1']));
    expect(imports.get('product')).toEqual({ imported: 'mul', module: './m' });
    expect(uses).toEqual([{ name: 'product', how: 'identifier', from: null, args: 2, line, code: 'export const a = product(1, 2);' }]);
  });

  it('answers other names of the same lines alike when it keeps their parse by blob id', () => {
    const text = ["import { mul, add } from './m';", 'export const a = mul(add(1, 2), 3);', 'export const b = add(4);', ''].join('\n');
    const ranges: Array<[number, number]> = [[2, 3]];
    for (const names of [['mul'], ['add'], ['mul', 'add']]) {
      const kept = usesInLines('k.ts', text, ranges, new Set(names), 'kept-blob-id');
      expect(kept).toEqual(usesInLines('k.ts', text, ranges, new Set(names)));
      expect(kept.uses.map((u) => `${u.name}@${u.line}/${u.args}`).sort()).toEqual(
        names.flatMap((n) => (n === 'mul' ? ['mul@2/2'] : ['add@2/2', 'add@3/1'])).sort(),
      );
    }
  });
});
