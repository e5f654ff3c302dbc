import { removeTempDirs } from '@parallel-cc/test-utils';
import { detectConflicts, suggestFixes } from '../src';
import { detectWithContext } from '../src/detect-conflicts';
import { subcommandOf, withGitCalls } from './git-calls';
import { twoSides } from './support';

afterAll(() => removeTempDirs());

const GREET = `export function greet(name: string): string {
  return 'hello ' + name;
}
`;

async function classesOf(repo: string) {
  const report = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });
  return report.conflicts.map((c) => ({ path: c.path, ...c.classification, regions: c.regions.length }));
}

describe('detectConflicts classifies every conflict of real branches', () => {
  it('TRIVIAL: both sides reformat the same lines differently', async () => {
    const repo = twoSides(
      { 'src/greet.ts': GREET },
      { write: { 'src/greet.ts': GREET.replace("'hello ' + name;", '"hello " + name') } },
      { write: { 'src/greet.ts': GREET.replace("'hello ' + name;", "'hello '  +  name;") } },
    );
    expect(await classesOf(repo)).toEqual([
      expect.objectContaining({ path: 'src/greet.ts', class: 'TRIVIAL', severity: 'low', analysis: 'ast', regions: 1 }),
    ]);
  });

  it('STRUCTURAL: both sides append a different function', async () => {
    const repo = twoSides(
      { 'src/greet.ts': GREET },
      { write: { 'src/greet.ts': `${GREET}\nexport function bye(): string {\n  return 'bye';\n}\n` } },
      { write: { 'src/greet.ts': `${GREET}\nexport function wave(): string {\n  return 'o/';\n}\n` } },
    );
    const [c] = await classesOf(repo);
    expect(c).toMatchObject({ class: 'STRUCTURAL', declarations: ['bye', 'wave'] });
    const { suggestions, unresolved } = await suggestFixes({ repo, ours: 'ours', theirs: 'theirs' });
    expect(unresolved).toEqual([]);
    expect(suggestions[0]!.content).toBe(`${GREET}\nexport function bye(): string {\n  return 'bye';\n}\n\nexport function wave(): string {\n  return 'o/';\n}\n`);
    // The same fix for another merge is another suggestion: an id names where it applies.
    const [again] = (await suggestFixes({ repo, ours: 'ours', theirs: 'theirs' })).suggestions;
    const [reversed] = (await suggestFixes({ repo, ours: 'theirs', theirs: 'ours' })).suggestions;
    expect(again!.id).toBe(suggestions[0]!.id);
    expect(reversed!.id).not.toBe(suggestions[0]!.id);
  });

  it('CONCURRENT: both sides edit the body of one function', async () => {
    const repo = twoSides(
      { 'src/greet.ts': GREET },
      { write: { 'src/greet.ts': GREET.replace("'hello '", "'hi '") } },
      { write: { 'src/greet.ts': GREET.replace("'hello '", "'hey '") } },
    );
    expect((await classesOf(repo))[0]).toMatchObject({ class: 'CONCURRENT', severity: 'high', declarations: ['greet'] });
    const { suggestions, unresolved } = await suggestFixes({ repo, ours: 'ours', theirs: 'theirs' });
    expect(suggestions).toEqual([]);
    expect(unresolved[0]).toMatchObject({ path: 'src/greet.ts', class: 'CONCURRENT' });
  });

  it('SEMANTIC: ours changes a signature that theirs calls in another file it changed', async () => {
    const repo = twoSides(
      { 'src/greet.ts': GREET, 'src/app.ts': "import { greet } from './greet';\nexport const a = 1;\n" },
      { write: { 'src/greet.ts': GREET.replace('(name: string)', '(name: string, loud: boolean)').replace("'hello '", "loud ? 'HELLO ' : 'hello '") } },
      {
        write: {
          'src/greet.ts': GREET.replace("'hello '", "'hello, '"),
          'src/app.ts': "import { greet } from './greet';\nexport const a = 1;\nexport const b = greet('b');\n",
        },
      },
    );
    const [c] = await classesOf(repo);
    expect(c).toMatchObject({ path: 'src/greet.ts', class: 'SEMANTIC', severity: 'critical', declarations: ['greet'] });
    expect(c!.reason).toMatch(/ours changes the signature of greet while theirs adds uses of it \(src\/app\.ts\)/);
  });

  it('SEMANTIC looks for uses only in the files whose changes add some: one moving a call adds none', async () => {
    const app = "import { greet } from './greet';\nexport const a = 1;\n";
    const moves = "import { greet } from './greet';\nexport const x = greet('x');\nexport const y = 2;\n";
    const repo = twoSides(
      { 'src/greet.ts': GREET, 'src/app.ts': app, 'src/moves.ts': moves, 'src/other.ts': 'export const o = 1;\n' },
      { write: { 'src/greet.ts': GREET.replace('(name: string)', '(name: string, loud: boolean)').replace("'hello '", "loud ? 'HELLO ' : 'hello '") } },
      {
        write: {
          'src/greet.ts': GREET.replace("'hello '", "'hello, '"),
          'src/app.ts': `${app}export const b = greet('b');\n`,
          'src/moves.ts': "import { greet } from './greet';\nexport const y = 2;\nexport const x = greet('x');\n",
          'src/other.ts': 'export const o = 2;\n',
        },
      },
    );
    const { report, context } = await detectWithContext({ repo, ours: 'ours', theirs: 'theirs' });
    expect(report.conflicts[0]?.classification?.reason).toMatch(/theirs adds uses of it \(src\/app\.ts\)$/);
    expect(context.oursChanges).toEqual([]);
    expect(context.theirsChanges?.map((f) => f.path)).toEqual(['src/app.ts']);
  });

  it('without the semantic check, the same files are found with no line diff: the trees that differ, a grep, their two versions', async () => {
    const app = "import { greet } from './greet';\nexport const a = 1;\n";
    const moves = "import { greet } from './greet';\nexport const x = greet('x');\nexport const y = 2;\n";
    const repo = twoSides(
      { 'src/greet.ts': GREET, 'src/app.ts': app, 'src/moves.ts': moves, 'src/gone.ts': "export const g = greet('g');\n" },
      { write: { 'src/greet.ts': GREET.replace('(name: string)', '(name: string, loud: boolean)').replace("'hello '", "loud ? 'HELLO ' : 'hello '") } },
      {
        write: {
          'src/greet.ts': GREET.replace("'hello '", "'hello, '"),
          'src/app.ts': `${app}export const b = greet('b');\n`,
          'src/moves.ts': "import { greet } from './greet';\nexport const y = 2;\nexport const x = greet('x');\n",
          'src/new [1].ts': "import { greet } from './greet';\nexport const n = greet('n');\n",
        },
        remove: ['src/gone.ts'],
      },
    );
    const { result, calls } = await withGitCalls(() => detectWithContext({ repo, ours: 'ours', theirs: 'theirs', semantic: false }));
    expect(result.report.conflicts[0]?.classification?.reason).toMatch(/theirs adds uses of it \(src\/app\.ts, src\/new \[1\]\.ts\)$/);
    expect(result.context.theirsChanges?.map((f) => [f.path, f.baseText === undefined])).toEqual([
      ['src/app.ts', false],
      ['src/new [1].ts', true],
    ]);
    // merge-tree, the merge base, a grep of each side's changed files, and the kept cat-file that read the trees and files.
    expect(calls.map(subcommandOf).sort()).toEqual(['cat-file', 'grep', 'grep', 'merge-tree', 'rev-parse']);
  });

  it('text rules for other files, and no classification when not asked', async () => {
    const repo = twoSides(
      { 'notes.md': 'a\nb\n' },
      { write: { 'notes.md': 'a\nb\nfrom ours\n' } },
      { write: { 'notes.md': 'a\nb\nfrom theirs\n' } },
    );
    expect((await classesOf(repo))[0]).toMatchObject({ class: 'STRUCTURAL', analysis: 'text', declarations: [] });
    const bare = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs', classify: false });
    expect(bare.conflicts[0]).toMatchObject({ classification: null, regions: [] });
  });

  it('modify/delete is SEMANTIC', async () => {
    const repo = twoSides({ 'src/greet.ts': GREET }, { remove: ['src/greet.ts'] }, { write: { 'src/greet.ts': GREET.replace('hello', 'hi') } });
    expect((await classesOf(repo))[0]).toMatchObject({ class: 'SEMANTIC', reason: expect.stringMatching(/ours deletes src\/greet.ts/) });
  });
});
