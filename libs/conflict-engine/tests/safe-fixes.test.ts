import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import { detectConflicts, suggestFixes } from '../src';
import { duplicateIn } from '../src/suggest/duplicates';
import { branchWith, twoSides } from './support';

afterAll(() => removeTempDirs());

async function outcome(repo: string) {
  const report = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });
  const fixes = await suggestFixes({ repo, ours: 'ours', theirs: 'theirs' });
  return { classes: report.conflicts.map((c) => ({ path: c.path, ...c.classification })), ...fixes };
}

const TESTS = `import { describe, it } from 'vitest';

describe('history', () => {
  it('records', () => {});
});
`;

describe('a top-level statement keeps its identity through an edit', () => {
  it('both sides adding tests inside one describe block: CONCURRENT, and no fix keeps the block twice', async () => {
    const repo = twoSides(
      { 'src/h.test.ts': TESTS },
      { write: { 'src/h.test.ts': TESTS.replace("  it('records', () => {});\n", "  it('records', () => {});\n  it('lists', () => {});\n") } },
      { write: { 'src/h.test.ts': TESTS.replace("  it('records', () => {});\n", "  it('records', () => {});\n  it('prunes', () => {});\n") } },
    );
    const { classes, suggestions, unresolved } = await outcome(repo);
    expect(classes[0]).toMatchObject({ class: 'CONCURRENT', reason: expect.stringMatching(/both sides edit the statement "describe\('history'/) });
    expect(suggestions).toEqual([]);
    expect(unresolved[0]).toMatchObject({ class: 'CONCURRENT' });
  });

  it('a statement is named by its callee and title, else by its first line: never by the comment before it', async () => {
    const base = TESTS.replace("describe('history'", "// https://example.com/issues/12\ndescribe('history'");
    const loop = '// https://example.com/issues/13\nfor (const dialect of DIALECTS) {\n  run(dialect);\n}\n';
    const repo = twoSides(
      { 'src/h.test.ts': base, 'src/loop.ts': loop },
      {
        write: {
          'src/h.test.ts': base.replace("  it('records', () => {});\n", "  it('records', () => {});\n  it('lists', () => {});\n"),
          'src/loop.ts': loop.replace('  run(dialect);\n', '  run(dialect);\n  check(dialect);\n'),
        },
      },
      {
        write: {
          'src/h.test.ts': base.replace("  it('records', () => {});\n", "  it('records', () => {});\n  it('prunes', () => {});\n"),
          'src/loop.ts': loop.replace('  run(dialect);\n', '  run(dialect);\n  clean(dialect);\n'),
        },
      },
    );
    const { classes } = await outcome(repo);
    expect(classes.map((c) => [c.class, c.declarations, c.reason])).toEqual([
      ['CONCURRENT', ["describe('history')"], `both sides edit the statement "describe('history')"`],
      ['CONCURRENT', ['for (const dialect of DIALECTS) {'], 'both sides edit the statement "for (const dialect of DIALECTS) {"'],
    ]);
  });

  it('both sides editing one for…of loop: CONCURRENT, not "different declarations adjacent"', async () => {
    const loop = "const DIALECTS = ['pg', 'sqlite'];\n\nfor (const dialect of DIALECTS) {\n  run(dialect);\n}\n";
    const repo = twoSides(
      { 'src/loop.ts': loop },
      { write: { 'src/loop.ts': loop.replace('  run(dialect);\n', '  run(dialect);\n  check(dialect);\n') } },
      { write: { 'src/loop.ts': loop.replace('  run(dialect);\n', '  run(dialect);\n  clean(dialect);\n') } },
    );
    const { classes, suggestions } = await outcome(repo);
    expect(classes[0]).toMatchObject({ class: 'CONCURRENT' });
    expect(classes[0]!.reason).not.toMatch(/adjacent/);
    expect(suggestions).toEqual([]);
  });

  it('one side editing a describe block, the other adding one right after it: STRUCTURAL, each block once', async () => {
    const base = "import { describe, it } from 'vitest';\n\ndescribe('history', () => { it('records', () => {}); });\n";
    const ours = base.replace("it('records', () => {}); });", "it('records', () => {}); it('lists', () => {}); });");
    const theirs = `${base}describe('purge', () => { it('purges', () => {}); });\n`;
    const repo = twoSides({ 'src/h.test.ts': base }, { write: { 'src/h.test.ts': ours } }, { write: { 'src/h.test.ts': theirs } });
    const { classes, suggestions } = await outcome(repo);
    expect(classes[0]).toMatchObject({ class: 'STRUCTURAL' });
    expect(suggestions[0]!.content).toBe(`${ours}describe('purge', () => { it('purges', () => {}); });\n`);
  });
});

describe('a fix never holds a thing twice', () => {
  it('a package.json key both sides add with different values: no fix', async () => {
    const pkg = '{\n  "name": "x",\n  "scripts": {\n    "build": "tsc",\n    "start": "node ."\n  }\n}\n';
    const repo = twoSides(
      { 'package.json': pkg },
      { write: { 'package.json': pkg.replace('"build": "tsc",\n', '"build": "tsc",\n    "test": "jest",\n') } },
      { write: { 'package.json': pkg.replace('"build": "tsc",\n', '"build": "tsc",\n    "test": "vitest",\n') } },
    );
    const { suggestions, unresolved } = await outcome(repo);
    expect(suggestions).toEqual([]);
    expect(unresolved[0]).toMatchObject({ path: 'package.json', reason: expect.stringMatching(/no resolution passed the checks/) });
  });

  it('counts against the sides: what a side already holds twice may stay', () => {
    const sides = ["function f(a: string): void;\nfunction f(a: number): void;\nfunction f(a: unknown) {}\n"];
    expect(duplicateIn('f.ts', sides[0]!, sides)).toBeNull();
    expect(duplicateIn('f.ts', `${sides[0]!}function f() {}\n`, sides)).toMatch(/declaration f appears 2 times, more than in either side \(1\)/);
    expect(duplicateIn('t.test.ts', "describe('a', () => { it('x', () => {}); it('x', () => {}); });", ["describe('a', () => { it('x', () => {}); });"])).toMatch(
      /test "a" > "x" appears 2 times/,
    );
    expect(duplicateIn('o.ts', 'export const o = { a: 1, b: 2, a: 3 };', ['export const o = { a: 1, b: 2 };'])).toMatch(/key a/);
    expect(duplicateIn('c.ts', "program.command('init').action(a);\nprogram.command('init').option('-f').action(a);\n", ["program.command('init').action(a);\n"])).toMatch(
      /statement program.command\("init"\)/,
    );
    expect(duplicateIn('package.json', '{ "a": 1, "b": { "a": 2 }, "a": 3 }', ['{ "a": 1, "b": { "a": 2 } }'])).toMatch(/key "a"/);
    expect(duplicateIn('package.json', '{ "a": 1, "b": { "a": 2 } }', ['{ "a": 1 }'])).toBeNull();
  });
});

describe('import lists', () => {
  it('merge as sets, three-way: an item one side dropped stays dropped', async () => {
    const base = "import { a, b } from './lib';\n\nexport const y = a;\n";
    const repo = twoSides(
      { 'src/y.ts': base, 'src/lib.ts': 'export const a = 1, b = 2, c = 3, d = 4;\n' },
      { write: { 'src/y.ts': base.replace('{ a, b }', '{ a, c }') } },
      { write: { 'src/y.ts': base.replace('{ a, b }', '{ a, b, d }') } },
    );
    const { classes, suggestions } = await outcome(repo);
    expect(classes[0]).toMatchObject({ class: 'STRUCTURAL' });
    expect(suggestions[0]!.content).toBe("import { a, c, d } from './lib';\n\nexport const y = a;\n");
  });

  it('an item added to an import is never SEMANTIC, whatever the other side uses', async () => {
    const base = "import { afterEach, it } from 'vitest';\n\nit('a', () => {});\n";
    const repo = twoSides(
      { 'src/a.test.ts': base },
      { write: { 'src/a.test.ts': `${base.replace('afterEach, it', 'afterEach, assert, it')}it('b', () => { assert(true); });\n` } },
      { write: { 'src/a.test.ts': `${base.replace('afterEach, it', 'afterEach, expect, it')}afterEach(() => { expect(1).toBe(1); });\n` } },
    );
    const { classes, suggestions } = await outcome(repo);
    expect(classes[0]).toMatchObject({ class: 'STRUCTURAL' });
    expect(suggestions[0]!.content).toBe(
      "import { afterEach, assert, it, expect } from 'vitest';\n\nit('a', () => {});\nit('b', () => { assert(true); });\nafterEach(() => { expect(1).toBe(1); });\n",
    );
  });

  it('import → import type on one side is not a removal', async () => {
    const base = "import { OperationNode } from './op';\n\nexport function f(n: OperationNode): void {}\n";
    const repo = twoSides(
      { 'src/f.ts': base, 'src/op.ts': 'export interface OperationNode {}\nexport const other = 1;\n' },
      { write: { 'src/f.ts': base.replace('import {', 'import type {') } },
      { write: { 'src/f.ts': `${base.replace('{ OperationNode }', '{ OperationNode, other }')}export const g = (n: OperationNode) => other;\n` } },
    );
    const { classes } = await outcome(repo);
    expect(classes[0]!.class).not.toBe('SEMANTIC');
    expect(classes[0]!.reason).not.toMatch(/removes/);
  });
});

describe('entries of different types at one path', () => {
  it('a symlink added on one side and a file on the other is no delete', async () => {
    const repo = makeRepo({ 'a.txt': 'a\n' });
    git(repo, 'checkout', '-q', '-b', 'ours');
    fs.symlinkSync('a.txt', path.join(repo, 'link'));
    git(repo, 'add', 'link');
    git(repo, 'commit', '-q', '-m', 'link');
    git(repo, 'checkout', '-q', 'main');
    branchWith(repo, 'theirs', { write: { link: 'a file\n' } });
    const { classes } = await outcome(repo);
    expect(classes.length).toBeGreaterThan(0);
    for (const c of classes) {
      expect(c.class).not.toBe('SEMANTIC');
      expect(c.reason).not.toMatch(/deletes/);
    }
  });
});
