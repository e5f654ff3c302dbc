import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, removeTempDirs } from '@parallel-cc/test-utils';
import type { Kysely } from 'kysely';
import { describePreparedMerge, mergeBranchName, prepareStoredMerge, snapshotWorktree, suggestAndRecord } from '../src';
import type { ConflictEngineTables } from '../src';
import { historyDatabase, rejectionOf, twoSides } from './support';

afterAll(() => removeTempDirs());

const GREET = "export function greet(name: string): string {\n  return 'hello ' + name;\n}\n";
const add = (name: string) => `${GREET}\nexport function ${name}(): string {\n  return '${name}';\n}\n`;

let db: Kysely<ConflictEngineTables>;
beforeEach(async () => {
  db = await historyDatabase();
});
afterEach(async () => {
  await db.destroy();
});

/** Runs git and returns its exit code and output, whatever the code. */
function tryGit(repo: string, ...args: string[]): { ok: boolean; out: string } {
  try {
    return { ok: true, out: git(repo, ...args) };
  } catch (error) {
    return { ok: false, out: String((error as Error).message) };
  }
}

describe('a fix applied as a prepared merge commit', () => {
  it('lets git merge the two branches with the suggested content, and changes nothing else', async () => {
    const repo = twoSides({ 'src/greet.ts': GREET }, { write: { 'src/greet.ts': add('bye') } }, { write: { 'src/greet.ts': add('wave') } });
    const { suggestions } = await suggestAndRecord({ repo, ours: 'ours', theirs: 'theirs', history: db });
    const fix = suggestions[0]!;
    const tips = { ours: git(repo, 'rev-parse', 'ours'), theirs: git(repo, 'rev-parse', 'theirs') };

    const { merge, suggestion } = await prepareStoredMerge(db, { id: fix.id });
    expect(merge).toMatchObject({ status: 'prepared', branch: mergeBranchName('ours', 'theirs'), previous: null, parents: tips, files: [{ path: 'src/greet.ts', fix: fix.id }] });
    expect(suggestion.appliedAt).not.toBeNull();
    if (merge.status !== 'prepared') throw new Error('expected a commit');
    expect(git(repo, 'rev-parse', 'ours')).toBe(tips.ours);
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(git(repo, 'log', '-1', '--format=%P', merge.branch)).toBe(`${tips.ours} ${tips.theirs}`);

    // Again: the same commit is kept.
    const again = await prepareStoredMerge(db, { id: fix.id });
    expect(again.merge).toMatchObject({ status: 'unchanged', commit: merge.commit });

    // Without the prepared branch, git's own merge conflicts.
    git(repo, 'checkout', '-q', 'ours');
    expect(tryGit(repo, 'merge', '--no-edit', 'theirs').ok).toBe(false);
    git(repo, 'merge', '--abort');

    git(repo, 'merge', '--ff-only', merge.branch);
    expect(fs.readFileSync(path.join(repo, 'src/greet.ts'), 'utf8')).toBe(fix.content);
    expect(tryGit(repo, 'merge', '--no-edit', 'theirs')).toMatchObject({ ok: true, out: expect.stringMatching(/Already up to date/) });
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(merge.commit);

    // Once merged, there is nothing left to prepare.
    expect((await prepareStoredMerge(db, { id: fix.id })).merge).toMatchObject({ status: 'merged' });
  });

  it('a plain git merge of the prepared branch goes through when ours has moved on elsewhere', async () => {
    const repo = twoSides(
      { 'src/greet.ts': GREET, 'notes.md': 'a\n' },
      { write: { 'src/greet.ts': add('bye') } },
      { write: { 'src/greet.ts': add('wave') } },
    );
    const { suggestions } = await suggestAndRecord({ repo, ours: 'ours', theirs: 'theirs', history: db });
    const { merge } = await prepareStoredMerge(db, { id: suggestions[0]!.id });
    git(repo, 'checkout', '-q', 'ours');
    fs.writeFileSync(path.join(repo, 'notes.md'), 'b\n');
    git(repo, 'commit', '-qam', 'later');
    git(repo, 'merge', '--no-edit', merge.branch);
    expect(fs.readFileSync(path.join(repo, 'src/greet.ts'), 'utf8')).toBe(suggestions[0]!.content);
    expect(tryGit(repo, 'merge', '--no-edit', 'theirs').out).toMatch(/Already up to date/);
  });

  it('waits for a fix of every conflicted file, then makes the commit with all of them', async () => {
    const repo = twoSides(
      { 'src/greet.ts': GREET, 'src/other.ts': GREET },
      { write: { 'src/greet.ts': add('bye'), 'src/other.ts': add('one') } },
      { write: { 'src/greet.ts': add('wave'), 'src/other.ts': add('two') } },
    );
    const { suggestions } = await suggestAndRecord({ repo, ours: 'ours', theirs: 'theirs', history: db });
    expect(suggestions.map((s) => s.path)).toEqual(['src/greet.ts', 'src/other.ts']);
    const first = await prepareStoredMerge(db, { id: suggestions[0]!.id });
    expect(first.merge).toMatchObject({ status: 'incomplete', missing: ['src/other.ts'], files: [{ path: 'src/greet.ts' }] });
    expect(tryGit(repo, 'rev-parse', '--verify', '--quiet', first.merge.branch).ok).toBe(false);
    const second = await prepareStoredMerge(db, { id: suggestions[1]!.id });
    expect(second.merge).toMatchObject({ status: 'prepared', files: [{ path: 'src/greet.ts' }, { path: 'src/other.ts' }] });
    git(repo, 'checkout', '-q', 'ours');
    git(repo, 'merge', '--ff-only', second.merge.branch);
    expect(fs.readFileSync(path.join(repo, 'src/other.ts'), 'utf8')).toBe(suggestions[1]!.content);
  });

  it('refuses a fix computed from versions the branches no longer hold', async () => {
    const repo = twoSides({ 'src/greet.ts': GREET }, { write: { 'src/greet.ts': add('bye') } }, { write: { 'src/greet.ts': add('wave') } });
    const { suggestions } = await suggestAndRecord({ repo, ours: 'ours', theirs: 'theirs', history: db });
    git(repo, 'checkout', '-q', 'ours');
    fs.writeFileSync(path.join(repo, 'src/greet.ts'), add('ciao'));
    git(repo, 'commit', '-qam', 'moved on');
    git(repo, 'checkout', '-q', 'main');
    const error = await rejectionOf(prepareStoredMerge(db, { id: suggestions[0]!.id }));
    expect(error.code).toBe('FILE_CHANGED');
    expect(tryGit(repo, 'rev-parse', '--verify', '--quiet', mergeBranchName('ours', 'theirs')).ok).toBe(false);
  });

  it("refuses a fix computed from a work tree's uncommitted work, which no branch holds", async () => {
    const repo = twoSides({ 'src/greet.ts': GREET }, { write: { 'src/greet.ts': add('bye') } }, { write: { 'notes.md': 'theirs\n' } });
    git(repo, 'checkout', '-q', 'theirs');
    fs.writeFileSync(path.join(repo, 'src/greet.ts'), add('wave'));
    const snapshot = await snapshotWorktree(repo);
    const { suggestions } = await suggestAndRecord({ repo, ours: 'ours', theirs: snapshot.commit, history: db });
    const error = await rejectionOf(prepareStoredMerge(db, { id: suggestions[0]!.id }));
    expect(error.code).toBe('UNCOMMITTED_WORK');
    expect(error.message).toContain(`was suggested from uncommitted work (${snapshot.commit.slice(0, 12)}`);
    expect(git(repo, 'for-each-ref', 'refs/heads/parallel-cc/')).toBe('');
  });
});

describe('mergeBranchName', () => {
  it('gives pairs whose names read alike once joined branches of their own', () => {
    expect(mergeBranchName('s-a', 'b')).not.toBe(mergeBranchName('s', 'a-b'));
    expect(mergeBranchName('feature/x', 'y')).not.toBe(mergeBranchName('feature-x', 'y'));
    expect(mergeBranchName('main', 'feature/login')).toMatch(/^parallel-cc\/merge\/main-feature-login-[0-9a-f]{8}$/);
    expect(mergeBranchName('main', 'feature/login')).toBe(mergeBranchName('main', 'feature/login'));
  });
});

describe('describePreparedMerge', () => {
  const suggestion = { id: 'abc123abc123', path: 'src/a.ts', strategy: 'union' as const, ours: 'q$(touch x)', theirs: 'b' };
  const merge = {
    status: 'prepared' as const,
    branch: 'parallel-cc/merge/x-b-12345678',
    commit: 'c'.repeat(40),
    previous: null,
    parents: { ours: 'a'.repeat(40), theirs: 'b'.repeat(40) },
    files: [{ path: 'src/a.ts', fix: 'abc123abc123' }],
  };

  it('quotes every name for the shell, and fast-forwards where the branch is checked out', () => {
    expect(describePreparedMerge(suggestion, merge, null).commands).toEqual({
      merge: "git checkout 'q$(touch x)' && git merge --ff-only parallel-cc/merge/x-b-12345678",
      undo: 'git branch -D parallel-cc/merge/x-b-12345678',
    });
    expect(describePreparedMerge(suggestion, merge, "/work/it's here").commands.merge).toBe("git -C '/work/it'\\''s here' merge --ff-only parallel-cc/merge/x-b-12345678");
  });
});
