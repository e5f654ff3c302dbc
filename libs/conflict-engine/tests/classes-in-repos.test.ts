import { removeTempDirs } from '@parallel-cc/test-utils';
import { detectConflicts, suggestFixes } from '../src';
import { detectWithContext } from '../src/detect-conflicts';
import { mergeCommits } from '../src/semantic/side-files';
import { countOf, withGitCalls } from './git-calls';
import { branchWith, twoSides } from './support';

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

  it('without the semantic check, the same files are found with no line diff: blob ids, a grep, their two versions', async () => {
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
    expect(calls.filter((args) => args.includes('-U0'))).toEqual([]);
    expect(countOf(calls, 'grep')).toBe(2);
  });

  it('without the semantic check, a side met again from the same merge base is not read again', async () => {
    const app = "import { greet } from './greet';\nexport const a = 1;\n";
    const caller = (name: string) => ({
      write: { 'src/greet.ts': GREET.replace("'hello '", `'hello from ${name}, '`), 'src/app.ts': `${app}export const ${name} = greet('${name}');\n` },
    });
    const repo = twoSides({ 'src/greet.ts': GREET, 'src/app.ts': app }, { write: { 'src/greet.ts': GREET.replace('(name: string)', '(name: string, loud = false)') } }, caller('b'));
    branchWith(repo, 'other', caller('c'));
    const pair = async (theirs: string) => {
      const [commits] = await mergeCommits(repo, [['ours', theirs]]);
      return withGitCalls(() => detectWithContext({ repo, ours: 'ours', theirs, semantic: false }, commits));
    };
    const first = await pair('theirs');
    const second = await pair('other');
    for (const { result } of [first, second]) {
      expect(result.report.conflicts[0]?.classification).toMatchObject({ class: 'SEMANTIC', reason: expect.stringMatching(/ours changes the signature of greet while/) });
      expect(result.context.theirsChanges?.map((f) => f.path)).toEqual(['src/app.ts']);
    }
    // Each side once: ours's changed files, then only the other branch's.
    expect([countOf(first.calls, 'diff'), countOf(first.calls, 'grep')]).toEqual([2, 2]);
    expect([countOf(second.calls, 'diff'), countOf(second.calls, 'grep')]).toEqual([1, 1]);
    // The same pair again: nothing of the sides is read.
    const again = await pair('other');
    expect([countOf(again.calls, 'diff'), countOf(again.calls, 'grep'), countOf(again.calls, 'cat-file')]).toEqual([0, 0, 1]);
    expect(again.result.report).toEqual(second.result.report);
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
