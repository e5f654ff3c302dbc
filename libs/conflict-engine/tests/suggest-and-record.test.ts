import type { Kysely } from 'kysely';
import { removeTempDirs } from '@parallel-cc/test-utils';
import { conflictHistory, detectConflicts, findSuggestion, suggestAndRecord, suggestFixes } from '../src';
import type { ConflictEngineTables, ResolutionModel } from '../src';
import * as objects from '../src/read-objects';
import { countOf, subcommandOf, withGitCalls } from './git-calls';
import { historyDatabase, rejectionOf, twoSides } from './support';

let db: Kysely<ConflictEngineTables>;
beforeEach(async () => {
  db = await historyDatabase();
});
afterEach(() => db.destroy());
afterAll(() => removeTempDirs());

const GREET = "export function greet(name: string): string {\n  return 'hello ' + name;\n}\n";
const AT = new Date(Date.UTC(2025, 4, 6, 7, 8, 9, 10));

/** main holds greet.ts and hello.ts; both sides add a function to greet.ts (STRUCTURAL) and edit hello.ts's greeting (CONCURRENT). */
function structuralAndConcurrent(): string {
  const hello = GREET.replace('greet', 'hello');
  return twoSides(
    { 'src/greet.ts': GREET, 'src/hello.ts': hello },
    { write: { 'src/greet.ts': `${GREET}\nexport function bye(): string {\n  return 'bye';\n}\n`, 'src/hello.ts': hello.replace("'hello '", "'hi '") } },
    { write: { 'src/greet.ts': `${GREET}\nexport function wave(): string {\n  return 'o/';\n}\n`, 'src/hello.ts': hello.replace("'hello '", "'hey '") } },
  );
}

describe('suggestAndRecord: detect, suggest, record', () => {
  test('runs merge-tree once, answers as detectConflicts and suggestFixes do, and records the conflicts and the fixes', async () => {
    const repo = structuralAndConcurrent();

    const { result, calls } = await withGitCalls(() => suggestAndRecord({ repo, ours: 'ours', theirs: 'theirs', history: db, now: AT }));

    expect(countOf(calls, 'merge-tree')).toBe(1);
    expect(result.report).toEqual(await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' }));
    expect({ suggestions: result.suggestions, unresolved: result.unresolved }).toEqual(await suggestFixes({ repo, ours: 'ours', theirs: 'theirs' }));
    expect(result.report.conflicts.map((c) => [c.path, c.classification?.class])).toEqual([
      ['src/greet.ts', 'STRUCTURAL'],
      ['src/hello.ts', 'CONCURRENT'],
    ]);
    expect(result.suggestions.map((s) => [s.path, s.strategy])).toEqual([['src/greet.ts', 'union']]);
    expect(result.unresolved.map((u) => [u.path, u.class])).toEqual([['src/hello.ts', 'CONCURRENT']]);

    const history = (await conflictHistory(db, {})).sort((a, b) => a.path.localeCompare(b.path));
    expect(history.map((e) => [e.path, e.class, e.ours, e.theirs, e.detectedAt, e.resolution])).toEqual([
      ['src/greet.ts', 'STRUCTURAL', 'ours', 'theirs', AT.toISOString(), null],
      ['src/hello.ts', 'CONCURRENT', 'ours', 'theirs', AT.toISOString(), null],
    ]);
    expect(await findSuggestion(db, result.suggestions[0]!.id)).toMatchObject({
      repo,
      ours: 'ours',
      theirs: 'theirs',
      path: 'src/greet.ts',
      strategy: 'union',
      content: result.suggestions[0]!.content,
      createdAt: AT.toISOString(),
      appliedAt: null,
    });
  });

  test('the sides\' other changed files, which a removal makes classification read, are read once too', async () => {
    // Ours removes helper(), which theirs edits: a breaking change, so both sides' changed files are read.
    const helper = "export function helper(): number {\n  return 1;\n}\n";
    const repo = twoSides(
      { 'src/a.ts': `${GREET}\n${helper}` },
      { write: { 'src/a.ts': GREET } },
      { write: { 'src/a.ts': `${GREET}\n${helper.replace('1', '2')}` } },
    );

    // Objects are read by a git kept running: reads that ask for something are counted, not processes.
    const reads = jest.spyOn(objects, 'readObjects');
    const asking = () => reads.mock.calls.filter(([, names]) => names.length > 0).length;
    const { result, calls } = await withGitCalls(() => suggestAndRecord({ repo, ours: 'ours', theirs: 'theirs', history: db }));
    const together = asking();
    reads.mockClear();
    const separate = await withGitCalls(async () => {
      const report = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });
      return { report, fixes: await suggestFixes({ repo, ours: 'ours', theirs: 'theirs' }) };
    });
    const apart = asking();
    reads.mockRestore();

    expect(result.report.conflicts.map((c) => c.classification?.class)).toEqual(['SEMANTIC']);
    expect({ report: result.report, fixes: { suggestions: result.suggestions, unresolved: result.unresolved } }).toEqual(separate.result);
    // The sides' diffs (one per side): read once, shared by the semantic check and classification,
    // and kept for the same commits' next merge.
    expect([countOf(calls, 'merge-tree'), countOf(calls, 'diff')]).toEqual([1, 2]);
    expect([countOf(separate.calls, 'merge-tree'), countOf(separate.calls, 'diff')]).toEqual([2, 0]);
    // The conflicted and the other changed files: one read, where detecting and suggesting apart read twice.
    expect([together, apart]).toEqual([1, 2]);
  });

  test('without a history database it records nothing and answers the same', async () => {
    const repo = structuralAndConcurrent();

    const bare = await suggestAndRecord({ repo, ours: 'ours', theirs: 'theirs' });
    const recorded = await suggestAndRecord({ repo, ours: 'ours', theirs: 'theirs', history: db });

    expect(bare).toEqual(recorded);
    expect(await conflictHistory(db, {})).toHaveLength(2);
  });

  test('a clean merge: nothing to suggest, nothing recorded', async () => {
    const repo = twoSides({ 'a.txt': 'a\n' }, { write: { 'ours.txt': 'o\n' } }, { write: { 'theirs.txt': 't\n' } });

    const { result, calls } = await withGitCalls(() => suggestAndRecord({ repo, ours: 'ours', theirs: 'theirs', history: db }));

    expect(result).toMatchObject({ report: { clean: true, conflicts: [] }, suggestions: [], unresolved: [] });
    // merge-tree, and beside it the semantic check: the tips and merge base, then each side's list of changed
    // code files (none here: no contents to diff).
    expect(calls.map(subcommandOf).sort()).toEqual(['diff', 'diff', 'merge-tree', 'rev-parse']);
    expect(await conflictHistory(db, {})).toEqual([]);
  });

  test('a model is asked about CONCURRENT conflicts only, and its fix is recorded with the others', async () => {
    const repo = structuralAndConcurrent();
    const asked: string[] = [];
    const model: ResolutionModel = {
      name: 'stand-in',
      resolve: async (request) => {
        asked.push(request.path);
        return request.ours.replace("'hi '", "'hi, hey '");
      },
    };

    const result = await suggestAndRecord({ repo, ours: 'ours', theirs: 'theirs', history: db, model });

    expect(asked).toEqual(['src/hello.ts']);
    expect(result.suggestions.map((s) => [s.path, s.strategy])).toEqual([
      ['src/greet.ts', 'union'],
      ['src/hello.ts', 'model'],
    ]);
    expect(result.unresolved).toEqual([]);
    expect(await findSuggestion(db, result.suggestions[1]!.id)).toMatchObject({ strategy: 'model', content: expect.stringContaining("'hi, hey '") });
  });

  test('a ref git would misread is refused before any git process runs, and nothing is recorded', async () => {
    const repo = structuralAndConcurrent();

    const { result: error, calls } = await withGitCalls(() => rejectionOf(suggestAndRecord({ repo, ours: '--upload-pack=x', theirs: 'theirs', history: db })));

    expect(error.code).toBe('INVALID_REF');
    expect(calls).toEqual([]);
    expect(await conflictHistory(db, {})).toEqual([]);
  });
});

describe('suggestFixes given the detection', () => {
  test('uses the report it is given: no merge-tree, the same fixes as from the refs alone', async () => {
    const repo = structuralAndConcurrent();
    const report = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });

    const { result, calls } = await withGitCalls(() => suggestFixes({ repo, ours: 'ours', theirs: 'theirs', report }));

    // The report holds no contents: one cat-file reads the conflicted files.
    expect(calls.map(subcommandOf)).toEqual(['cat-file']);
    expect(result).toEqual(await suggestFixes({ repo, ours: 'ours', theirs: 'theirs' }));
  });

  test('a report that kept the files\' contents needs no git process at all', async () => {
    const repo = structuralAndConcurrent();
    const report = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs', contents: true });

    const { result, calls } = await withGitCalls(() => suggestFixes({ repo, ours: 'ours', theirs: 'theirs', report }));

    expect(calls).toEqual([]);
    expect(result.suggestions.map((s) => s.strategy)).toEqual(['union']);
  });
});
