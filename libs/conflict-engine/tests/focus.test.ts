import { analyzeFile, finishFile, prepareFile } from '../src/classify/analyze-file';
import type { ParseVersions } from '../src/classify/analyze-file';
import { LruCache } from '../src/classify/focus/lru-cache';
import { matchUnits } from '../src/classify/focus/match-units';
import { parseVersions, parseWholeVersions } from '../src/classify/focus/parse-versions';
import { innerUnits } from '../src/classify/focus/inner-units';
import { topLevelUnits } from '../src/classify/focus/top-level-units';
import { blank } from '../src/classify/focus/blank';
import { verdictsOf } from '../src/classify/verdicts';
import type { ConflictFile } from '../src';

const texts = (source: string) => topLevelUnits(source)?.map((u) => source.slice(u.start, u.end));

describe('topLevelUnits', () => {
  it('cuts at statements that start at column 0, with the comments before them', () => {
    const source = "import { a } from './a';\n\n// greets\nexport function greet() {\n  return `hi ${a}`;\n}\nconst x = 1\nconst y = x /\n  2;\n// the end\n";
    expect(texts(source)).toEqual([
      "import { a } from './a';",
      '\n\n// greets\nexport function greet() {\n  return `hi ${a}`;\n}',
      '\nconst x = 1',
      '\nconst y = x /\n  2;',
      '\n// the end\n',
    ]);
  });

  it('keeps decorators, continued lines, template text and regular expressions inside their statement', () => {
    const source = '@Component()\nclass A {}\nconst s = `\nnot { a statement\n`;\nconst r = /[/{]/g;\nconst t =\nfoo();\n';
    expect(texts(source)).toEqual(['@Component()\nclass A {}', '\nconst s = `\nnot { a statement\n`;', '\nconst r = /[/{]/g;', '\nconst t =\nfoo();', '\n']);
  });

  it('gives up on a scan that does not end balanced', () => {
    expect(topLevelUnits('function f() {\n')).toBeNull();
    expect(topLevelUnits('const s = `unterminated\n')).toBeNull();
  });

  it('follows template literals into and out of their expressions, nested ones too', () => {
    const source = 'const a = `x ${f({ b: `y ${c}` })} }`;\nconst d = `${`${e}`}`;\nlet f = 1;\n';
    expect(texts(source)).toEqual(['const a = `x ${f({ b: `y ${c}` })} }`;', '\nconst d = `${`${e}`}`;', '\nlet f = 1;', '\n']);
  });

  it('with an indent, cuts where code starts at exactly that indentation', () => {
    const source = '  one();\n  two(\n    3);\n    deeper();\n  four();\n';
    expect(topLevelUnits(source, '  ')?.map((u) => source.slice(u.start, u.end))).toEqual(['  one();', '\n  two(\n    3);\n    deeper();', '\n  four();', '\n']);
  });
});

describe('blank', () => {
  it('turns every character but line breaks into a space, long lines too', () => {
    expect(blank('ab\n\ncd e\r\n')).toBe('  \n\n     \n');
    const long = 'x'.repeat(5000);
    expect(blank(`${long}\n${long}`)).toBe(`${' '.repeat(5000)}\n${' '.repeat(5000)}`);
  });
});

describe('matchUnits', () => {
  it('pairs the units that stay, in order', () => {
    expect([...matchUnits(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])!]).toEqual([0, -1, 2, 3]);
    expect([...matchUnits(['a', 'b'], ['b', 'a'])!].filter((m) => m !== -1)).toHaveLength(1);
  });
});

describe('LruCache', () => {
  it('forgets the least recently used entries past its budget', () => {
    const cache = new LruCache<number>(10);
    cache.set('a', 1, 4);
    cache.set('b', 2, 4);
    cache.get('a');
    cache.set('c', 3, 4);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    cache.set('huge', 4, 11);
    expect(cache.get('huge')).toBeUndefined();
  });
});

describe('classification of the changed parts only', () => {
  const filler = Array.from({ length: 40 }, (_, i) => `export function f${i}(x: number): number {\n  return x + ${i};\n}\n`).join('\n');
  const imports = (...names: string[]) => names.map((x) => `import { ${x} } from './${x}';\n`).join('');
  const braced = (braces: boolean) => `export function g(x: number): number {\n  if (x > 1) ${braces ? '{\n    return 1;\n  }' : 'return 1;'}\n  return 2;\n}\n`;
  let n = 0;
  const file = (base: string, ours: string, theirs: string): ConflictFile => {
    n++;
    const v = (text: string, side: string) => ({ oid: `${side}${n}`.padEnd(40, '0'), text });
    return { path: 'src/big.ts', base: v(base, 'b'), ours: v(ours, 'o'), theirs: v(theirs, 't'), merged: null };
  };
  const cases: Array<[string, string, string]> = [
    // Formatting only, on both sides.
    [filler, filler.replace('x + 3;', 'x+3'), filler.replace('x + 3;', 'x + 3')],
    // Both edit one function.
    [filler, filler.replace('x + 3;', 'x + 30;'), filler.replace('x + 3;', 'x - 3;')],
    // Independent additions at the same place.
    [filler, `${filler}\nexport const one = 1;\n`, `${filler}\nexport const two = 2;\n`],
    // A signature change against a new use.
    [filler, filler.replace('f5(x: number)', 'f5(x: number, y: number)'), `${filler}\nexport const z = f5(1);\n`],
    // Imports reordered differently.
    [`import { a } from './a';\nimport { b } from './b';\n${filler}`, `import { b } from './b';\nimport { a } from './a';\n${filler}`, `import { b } from './b';\nimport { a } from './a';\n${filler}`.replace('x + 1;', 'x+1')],
    // The same addition placed differently on each side.
    [filler, `export const same = 1;\n${filler}`, `${filler}\nexport const same = 1;\n`],
    // One side reorders the imports and puts braces around one statement: the order of imports only.
    [`${imports('a', 'b')}${filler}\n${braced(false)}`, `${imports('b', 'a')}${filler}\n${braced(true)}`, `${imports('a', 'b')}${filler}\n${braced(false)}`],
  ];

  it.each(cases.map((c, i) => [i, ...c]))('case %p: the same verdict as the whole files, from fresh and from kept parses', (_i, base, ours, theirs) => {
    const conflict = file(base as string, ours as string, theirs as string);
    const whole = analyzeFile(conflict).classification;
    expect(finishFile(prepareFile(conflict, parseVersions)).classification).toEqual(whole);
    // The second time, the parses come from the cache, without their trees' nodes.
    expect(finishFile(prepareFile(conflict, parseVersions)).classification).toEqual(whole);
  });

  it('parses less than the whole files, and each blob once', () => {
    const conflict = file(filler, filler.replace('x + 3;', 'x + 30;'), filler.replace('x + 7;', 'x - 7;'));
    const parsed = parseVersions(conflict.path, { base: conflict.base, ours: conflict.ours!, theirs: conflict.theirs! });
    const whole = parseWholeVersions(conflict.path, { base: conflict.base, ours: conflict.ours!, theirs: conflict.theirs! });
    if (typeof parsed.ours === 'string' || typeof whole.ours === 'string') throw new Error('does not parse');
    expect(parsed.ours.declarations.map((d) => d.name)).toEqual(['f3', 'f7']);
    expect(whole.ours.declarations).toHaveLength(40);
    const kept = parseVersions(conflict.path, { base: conflict.base, ours: conflict.ours!, theirs: conflict.theirs! }).ours;
    if (typeof kept === 'string') throw new Error('does not parse');
    // Kept without the tree's nodes, with everything classifying reads.
    expect(kept.program.body).toEqual([]);
    expect(parsed.ours.program.body.length).toBeGreaterThan(0);
    expect({ ...kept, program: null }).toEqual({ ...parsed.ours, program: null });
    expect(kept.program.tokens).toBe(parsed.ours.program.tokens);
    expect(parseVersions(conflict.path, { base: conflict.base, ours: conflict.ours!, theirs: conflict.theirs! }).ours).toBe(kept);
  });
});

describe('statements inside a changed block', () => {
  // One top-level unit: a test loop of many cases, as a real test file has.
  const loop = (cases: string[]) => `import { expect, it } from 'vitest';\n\nfor (const dialect of ['pg', 'mysql']) {\n\tdescribe(dialect, () => {\n${cases.join('\n')}\n\t});\n}\n`;
  const test = (i: number, body = `expect(run(dialect, ${i})).toEqual({ rows: [${i}], dialect, label: 'case number ${i} of the loop' });`) =>
    `\t\tit('case ${i}', async () => {\n\t\t\tconst value = ${i};\n\t\t\t${body}\n\t\t});`;
  const cases = Array.from({ length: 30 }, (_, i) => test(i));
  const edit = (at: number, body: string) => cases.map((c, i) => (i === at ? test(i, body) : c));
  let n = 100;
  const file = (base: string, ours: string, theirs: string): ConflictFile => {
    n++;
    const v = (text: string, side: string) => ({ oid: `${side}${n}`.padEnd(40, '0'), text });
    return { path: 'tests/loop.test.ts', base: v(base, 'b'), ours: v(ours, 'o'), theirs: v(theirs, 't'), merged: null };
  };

  it('cuts a block into its statements at their indentation, one level at a time', () => {
    const text = loop(cases);
    const outer = innerUnits(text, text.indexOf('for'), text.length - 1);
    expect(outer).toHaveLength(1);
    expect(text.slice(outer[0]!.codeStart, outer[0]!.codeStart + 17)).toBe('describe(dialect,');
    const inner = innerUnits(text, outer[0]!.codeStart, outer[0]!.end);
    expect(inner.map((u) => text.slice(u.start, u.end))).toEqual(cases.map((c, i) => (i === 0 ? c : `\n${c}`)));
  });

  it('cuts a statement the same wherever it stands in the file', () => {
    const text = loop(cases);
    const moved = `// moved down\n\n${text}`;
    const shift = moved.length - text.length;
    const shifted = (units: ReturnType<typeof innerUnits>) => units.map((u) => ({ start: u.start + shift, end: u.end + shift, codeStart: u.codeStart + shift }));
    const here = innerUnits(text, text.indexOf('for'), text.length - 1);
    const there = innerUnits(moved, moved.indexOf('for'), moved.length - 1);
    expect(there).toEqual(shifted(here));
    const inner = innerUnits(text, here[0]!.codeStart, here[0]!.end);
    expect(innerUnits(moved, there[0]!.codeStart, there[0]!.end)).toEqual(shifted(inner));
  });

  it.each([
    ['both edit one case', edit(3, 'expect(1).toBe(1);'), edit(3, 'expect(2).toBe(2);')],
    ['each edits another case', edit(3, 'expect(1).toBe(1);'), edit(20, 'expect(2).toBe(2);')],
    ['one reformats a case', edit(3, "expect(run(dialect,3)).toEqual({ rows: [3], dialect, label: \"case number 3 of the loop\" })"), edit(20, 'expect(2).toBe(2);')],
  ])('%s: the same verdict as the whole files, with the cases both keep left out', (_name, ours, theirs) => {
    const conflict = file(loop(cases), loop(ours as string[]), loop(theirs as string[]));
    const parsed = parseVersions(conflict.path, { base: conflict.base, ours: conflict.ours!, theirs: conflict.theirs! });
    if (typeof parsed.ours === 'string') throw new Error('does not parse');
    expect(parsed.ours.program.elided!.length).toBeGreaterThanOrEqual(cases.length - 2);
    expect(finishFile(prepareFile(conflict, parseVersions)).classification).toEqual(analyzeFile(conflict).classification);
  });

  it('parses the whole block when a cut proves wrong', () => {
    // The indentation lies: a statement goes on in a line that looks like a new one.
    const odd = (extra: string) => loop([...cases.slice(0, 10), `\t\tconst total = 1 +\n\t\t${extra}`, ...cases.slice(10)]);
    const conflict = file(odd('2;'), odd('3;'), odd('4;'));
    expect(finishFile(prepareFile(conflict, parseVersions)).classification).toEqual(analyzeFile(conflict).classification);
  });
});

describe('verdictsOf', () => {
  const v = (text: string, side: string) => ({ oid: `${side}`.padEnd(40, '7'), text });
  const plain: ConflictFile = { path: 'src/a.ts', base: v('export const a = 1;\n', 'b'), ours: v('export const a = 2;\n', 'c'), theirs: v('export const a = 3;\n', 'd'), merged: null };

  it('keeps a verdict by path and blob ids, and hands out copies', async () => {
    let loads = 0;
    const load = async () => {
      loads++;
      return {};
    };
    const first = await verdictsOf([plain], load);
    expect(first.verdicts[0]!.classification).toEqual(analyzeFile(plain).classification);
    first.verdicts[0]!.classification.declarations.push('changed by a caller');
    const again = await verdictsOf([{ ...plain }], load);
    expect(again.verdicts[0]!.classification).toEqual(analyzeFile(plain).classification);
    const elsewhere = await verdictsOf([{ ...plain, path: 'src/b.ts' }], load);
    expect(elsewhere.verdicts[0]!.classification.reason).not.toContain('src/a.ts');
    expect(loads).toBe(0);
  });

  it('works out again a verdict that rests on the sides\' other files', async () => {
    const signature: ConflictFile = {
      path: 'src/m.ts',
      base: v('export function mul(a: number, b: number) {\n  return a * b;\n}\n', 'e'),
      ours: v('export function mul(a: number, b: number, c = 1) {\n  return a * b * c;\n}\n', 'f'),
      theirs: v('export function mul(a: number) {\n  return a * 2;\n}\n', 'g'),
      merged: null,
    };
    let loads = 0;
    const load = (text: string) => async () => {
      loads++;
      return { oursChanges: [{ path: 'src/use.ts', text, baseText: '' }] };
    };
    let parses = 0;
    const parse: ParseVersions = (path, versions) => {
      parses++;
      return parseWholeVersions(path, versions);
    };
    const use = "import { mul } from './m';\nmul(1, 2);\n";
    const first = await verdictsOf([signature], load(use), parse);
    const again = await verdictsOf([signature], load(use), parse);
    expect(first.verdicts[0]!.classification).toMatchObject({ class: 'SEMANTIC', reason: 'theirs changes the signature of mul while ours adds uses of it (src/use.ts)' });
    expect(again.verdicts).toEqual(first.verdicts);
    // Another merge of the same versions, whose other files use nothing of it: its own verdict.
    const other = await verdictsOf([signature], load('export const unrelated = 1;\n'), parse);
    expect(other.verdicts[0]!.classification).toEqual(analyzeFile(signature).classification);
    expect(other.verdicts[0]!.classification.class).toBe('CONCURRENT');
    // The files are read each time; the versions were parsed once.
    expect([loads, parses]).toEqual([3, 1]);
  });
});
