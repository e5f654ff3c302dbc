import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Kysely } from 'kysely';
import { makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import { applyStoredSuggestion, findSuggestion, recordSuggestions } from '../src';
import type { ConflictEngineTables, FixSuggestion } from '../src';
import { blob, historyDatabase, rejectionOf } from './support';

let db: Kysely<ConflictEngineTables>;

beforeEach(async () => {
  db = await historyDatabase();
});
afterEach(() => db.destroy());
afterAll(() => removeTempDirs());

/** A repository and a recorded fix of its `app.ts` on main, computed from the committed version. */
async function recordedFix() {
  const repo = makeRepo({ 'app.ts': 'export const a = 1;\n' });
  const fix: FixSuggestion = {
    id: '3f9a0c12be47',
    path: 'app.ts',
    class: 'TRIVIAL',
    strategy: 'whitespace',
    description: 'Takes ours.',
    content: 'export const a = 2;\n',
    from: { base: null, ours: blob(repo, 'HEAD', 'app.ts'), theirs: null },
    confidence: { score: 0.9, factors: [] },
  };
  await recordSuggestions(db, { repo, ours: 'main', theirs: 'feature', suggestions: [fix] });
  return { repo, fix, file: path.join(repo, 'app.ts') };
}

describe('applyStoredSuggestion', () => {
  test('applied twice: the second time writes and records nothing, and says when it was applied', async () => {
    const { fix, file } = await recordedFix();
    const first = await applyStoredSuggestion(db, { id: fix.id });
    expect(first.applied.alreadyApplied).toBe(false);
    expect(first.suggestion.appliedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await findSuggestion(db, fix.id))?.appliedAt).toBe(first.suggestion.appliedAt);
    const mtime = fs.statSync(file).mtimeMs;

    const again = await applyStoredSuggestion(db, { id: fix.id });

    expect(again.applied).toMatchObject({ alreadyApplied: true, backup: null, file: first.applied.file });
    expect(again.suggestion.appliedAt).toBe(first.suggestion.appliedAt);
    expect((await findSuggestion(db, fix.id))?.appliedAt).toBe(first.suggestion.appliedAt);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
  });

  test('a fix applied and then edited over is FILE_CHANGED, naming when it was applied', async () => {
    const { fix, file } = await recordedFix();
    const first = await applyStoredSuggestion(db, { id: fix.id });
    fs.writeFileSync(file, 'export const a = 3;\n');

    const error = await rejectionOf(applyStoredSuggestion(db, { id: fix.id }));

    expect(error.code).toBe('FILE_CHANGED');
    expect(error.message).toBe(`Fix ${fix.id} was applied at ${first.suggestion.appliedAt}, and app.ts changed since; nothing was written.`);
    expect(fs.readFileSync(file, 'utf8')).toBe('export const a = 3;\n');
  });

  test('a folder inside the checkout names that checkout; a folder of another repository is refused', async () => {
    const { repo, fix, file } = await recordedFix();
    fs.mkdirSync(path.join(repo, 'src'));
    const applied = await applyStoredSuggestion(db, { id: fix.id, worktree: path.join(repo, 'src') });
    expect(applied.applied.file).toBe(file);
    expect(fs.readFileSync(file, 'utf8')).toBe(fix.content);
    expect(fs.existsSync(path.join(repo, 'src', 'app.ts'))).toBe(false);

    const other = makeRepo({ 'app.ts': 'export const a = 1;\n' });
    const error = await rejectionOf(applyStoredSuggestion(db, { id: fix.id, worktree: other }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(`is not a checkout of ${repo}`) });
  });
});
