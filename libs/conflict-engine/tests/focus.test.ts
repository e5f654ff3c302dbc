import { analyzeFile, finishFile, prepareFile } from '../src/classify/analyze-file';
import { LruCache } from '../src/classify/focus/lru-cache';
import { matchUnits } from '../src/classify/focus/match-units';
import { parseVersions, parseWholeVersions } from '../src/classify/focus/parse-versions';
import { topLevelUnits } from '../src/classify/focus/top-level-units';
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
  ];

  it.each(cases.map((c, i) => [i, ...c]))('case %p: the same verdict as the whole files', (_i, base, ours, theirs) => {
    const conflict = file(base as string, ours as string, theirs as string);
    const focused = finishFile(prepareFile(conflict, parseVersions)).classification;
    expect(focused).toEqual(analyzeFile(conflict).classification);
  });

  it('parses less than the whole files, and each blob once', () => {
    const conflict = file(filler, filler.replace('x + 3;', 'x + 30;'), filler.replace('x + 7;', 'x - 7;'));
    const parsed = parseVersions(conflict.path, { base: conflict.base, ours: conflict.ours!, theirs: conflict.theirs! });
    const whole = parseWholeVersions(conflict.path, { base: conflict.base, ours: conflict.ours!, theirs: conflict.theirs! });
    if (typeof parsed.ours === 'string' || typeof whole.ours === 'string') throw new Error('does not parse');
    expect(parsed.ours.declarations.map((d) => d.name)).toEqual(['f3', 'f7']);
    expect(whole.ours.declarations).toHaveLength(40);
    expect(parseVersions(conflict.path, { base: conflict.base, ours: conflict.ours!, theirs: conflict.theirs! }).ours).toBe(parsed.ours);
  });
});
