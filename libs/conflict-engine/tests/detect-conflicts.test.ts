import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, makeTempDir, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import { detectConflicts } from '../src';
import { blob, rejectionOf, twoSides } from './support';

afterAll(() => removeTempDirs());

const LINES = '1\n2\n3\n4\n5\n6\n7\n';

describe('detectConflicts finds each kind of conflict', () => {
  test('content: both sides change the same line', async () => {
    const repo = twoSides({ 'a.txt': LINES }, { write: { 'a.txt': LINES.replace('2', 'ours') } }, { write: { 'a.txt': LINES.replace('2', 'theirs') } });

    const report = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });

    expect(report.clean).toBe(false);
    expect(report.conflicts).toMatchObject([
      {
        path: 'a.txt',
        kind: 'content',
        stages: { base: blob(repo, 'main', 'a.txt'), ours: blob(repo, 'ours', 'a.txt'), theirs: blob(repo, 'theirs', 'a.txt') },
        message: 'CONFLICT (content): Merge conflict in a.txt',
      },
    ]);
    expect(git(repo, 'cat-file', '-t', report.tree)).toBe('tree');
    // diff3 style: each hunk carries the base's lines too, which the text rules compare against.
    expect(git(repo, 'cat-file', '-p', `${report.tree}:a.txt`)).toMatch(/<<<<<<< ours\nours\n\|\|\|\|\|\|\| [0-9a-f]+\n2\n=======\ntheirs\n>>>>>>> theirs/);
    expect(report.conflicts[0]!.regions).toEqual([{ line: 2, ours: 'ours\n', base: '2\n', theirs: 'theirs\n' }]);
    expect(report.conflicts[0]!.classification).toMatchObject({ class: 'CONCURRENT', analysis: 'text', reason: 'both sides change the same lines at line 2' });
    expect(report.messages.map((m) => m.type)).toEqual(['Auto-merging', 'CONFLICT (contents)']);
  });

  test('add/add: both sides add the same path with different contents', async () => {
    const repo = twoSides({ 'a.txt': 'a\n' }, { write: { 'new.txt': 'from ours\n' } }, { write: { 'new.txt': 'from theirs\n' } });

    const { conflicts } = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });

    expect(conflicts).toMatchObject([
      {
        path: 'new.txt',
        kind: 'add/add',
        stages: { ours: blob(repo, 'ours', 'new.txt'), theirs: blob(repo, 'theirs', 'new.txt') },
        message: 'CONFLICT (add/add): Merge conflict in new.txt',
      },
    ]);
  });

  test('modify/delete, in both directions', async () => {
    const repo = twoSides(
      { 'kept-by-ours.txt': 'k\n', 'kept-by-theirs.txt': 't\n' },
      { write: { 'kept-by-ours.txt': 'k changed\n' }, remove: ['kept-by-theirs.txt'] },
      { write: { 'kept-by-theirs.txt': 't changed\n' }, remove: ['kept-by-ours.txt'] },
    );

    const { clean, conflicts } = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });

    expect(clean).toBe(false);
    expect(conflicts).toMatchObject([
      {
        path: 'kept-by-ours.txt',
        kind: 'modify/delete',
        stages: { base: blob(repo, 'main', 'kept-by-ours.txt'), ours: blob(repo, 'ours', 'kept-by-ours.txt') },
        message:
          'CONFLICT (modify/delete): kept-by-ours.txt deleted in theirs and modified in ours.  Version ours of kept-by-ours.txt left in tree.',
      },
      {
        path: 'kept-by-theirs.txt',
        kind: 'modify/delete',
        stages: { base: blob(repo, 'main', 'kept-by-theirs.txt'), theirs: blob(repo, 'theirs', 'kept-by-theirs.txt') },
        message:
          'CONFLICT (modify/delete): kept-by-theirs.txt deleted in ours and modified in theirs.  Version theirs of kept-by-theirs.txt left in tree.',
      },
    ]);
  });

  test('rename/delete: one side renames what the other deletes', async () => {
    const repo = twoSides({ 'old.txt': LINES }, { rename: { 'old.txt': 'new.txt' } }, { remove: ['old.txt'] });

    const { conflicts } = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });

    expect(conflicts).toMatchObject([
      {
        path: 'new.txt',
        kind: 'rename',
        stages: { base: blob(repo, 'main', 'old.txt'), ours: blob(repo, 'ours', 'new.txt') },
        message: 'CONFLICT (rename/delete): old.txt renamed to new.txt in ours, but deleted in theirs.',
      },
    ]);
  });

  test('rename/rename: both sides rename the same file differently', async () => {
    const repo = twoSides({ 'old.txt': LINES }, { rename: { 'old.txt': 'left.txt' } }, { rename: { 'old.txt': 'right.txt' } });
    const id = blob(repo, 'main', 'old.txt');

    const { conflicts } = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });

    const message = 'CONFLICT (rename/rename): old.txt renamed to left.txt in ours and to right.txt in theirs.';
    expect(conflicts).toMatchObject([
      { path: 'left.txt', kind: 'rename', stages: { ours: id }, message },
      { path: 'old.txt', kind: 'rename', stages: { base: id }, message },
      { path: 'right.txt', kind: 'rename', stages: { theirs: id }, message },
    ]);
    // Each of the three paths says what git says, not that a side deleted or added it.
    const reason = 'both sides rename it: old.txt renamed to left.txt in ours and to right.txt in theirs; choose one name';
    expect(conflicts.map((c) => c.classification)).toEqual([0, 1, 2].map(() => expect.objectContaining({ class: 'CONCURRENT', reason })));
  });
});

describe('detectConflicts on merges without conflicts', () => {
  test('changes to different lines merge cleanly into the tree git merge would make', async () => {
    const repo = twoSides({ 'a.txt': LINES }, { write: { 'a.txt': LINES.replace('1', 'one') } }, { write: { 'a.txt': LINES.replace('7', 'seven') } });

    const report = await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' });

    expect(report).toMatchObject({
      clean: true,
      tree: expect.stringMatching(/^[0-9a-f]{40}$/),
      conflicts: [],
      messages: [{ paths: ['a.txt'], type: 'Auto-merging', text: 'Auto-merging a.txt' }],
    });
    git(repo, 'checkout', '-q', 'ours');
    git(repo, 'merge', '-q', '--no-edit', 'theirs');
    expect(report.tree).toBe(git(repo, 'rev-parse', 'HEAD^{tree}'));
  });

  test('a ref merged with itself or its ancestor is clean; commit ids work as refs', async () => {
    const repo = twoSides({ 'a.txt': 'a\n' }, { write: { 'b.txt': 'b\n' } }, { write: { 'c.txt': 'c\n' } });
    const main = git(repo, 'rev-parse', 'main');

    expect((await detectConflicts({ repo, ours: 'ours', theirs: 'ours' })).clean).toBe(true);
    const report = await detectConflicts({ repo, ours: git(repo, 'rev-parse', 'ours'), theirs: main });
    expect(report).toEqual({ clean: true, tree: git(repo, 'rev-parse', 'ours^{tree}'), conflicts: [], messages: [] });
  });
});

describe('detectConflicts leaves everything as it was', () => {
  test('no checkout, no index, no work-tree change, even with local changes present', async () => {
    const repo = twoSides({ 'a.txt': LINES }, { write: { 'a.txt': LINES.replace('2', 'ours') } }, { write: { 'a.txt': LINES.replace('2', 'theirs') } });
    writeFiles(repo, { 'a.txt': 'uncommitted\n', 'untracked.txt': 'u\n' });
    git(repo, 'add', 'a.txt');
    writeFiles(repo, { 'a.txt': 'uncommitted, changed again\n' });
    const snapshot = () => ({
      head: git(repo, 'symbolic-ref', 'HEAD'),
      status: git(repo, 'status', '--porcelain=v1', '--untracked-files=all'),
      index: createHash('sha1').update(fs.readFileSync(path.join(repo, '.git', 'index'))).digest('hex'),
      files: fs.readdirSync(repo).sort(),
      a: fs.readFileSync(path.join(repo, 'a.txt'), 'utf8'),
    });
    const before = snapshot();

    expect((await detectConflicts({ repo, ours: 'ours', theirs: 'theirs' })).clean).toBe(false);

    expect(snapshot()).toEqual(before);
    expect(before.status).toBe('MM a.txt\n?? untracked.txt');
  });

  test('works in a bare repository and from a linked worktree', async () => {
    const repo = twoSides({ 'a.txt': LINES }, { write: { 'a.txt': LINES.replace('2', 'ours') } }, { write: { 'a.txt': LINES.replace('2', 'theirs') } });
    const bare = path.join(makeTempDir(), 'bare.git');
    git(makeTempDir(), 'clone', '-q', '--bare', repo, bare);
    const worktree = path.join(makeTempDir(), 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'elsewhere', worktree);

    const fromBare = await detectConflicts({ repo: bare, ours: 'ours', theirs: 'theirs' });
    const fromWorktree = await detectConflicts({ repo: worktree, ours: 'ours', theirs: 'theirs' });

    expect(fromBare.conflicts.map((c) => [c.path, c.kind])).toEqual([['a.txt', 'content']]);
    expect(fromWorktree).toEqual(fromBare);
  });
});

describe('detectConflicts on refs that cannot be merged', () => {
  test('unrelated histories are refused unless allowed', async () => {
    const repo = makeRepo({ 'same.txt': 'main\n', 'main-only.txt': 'm\n' });
    git(repo, 'checkout', '-q', '--orphan', 'lone');
    git(repo, 'rm', '-rq', '--cached', '.');
    fs.rmSync(path.join(repo, 'main-only.txt'));
    commitFiles(repo, { 'same.txt': 'lone\n' });
    git(repo, 'checkout', '-q', '-f', 'main');

    const error = await rejectionOf(detectConflicts({ repo, ours: 'main', theirs: 'lone' }));
    expect(error.code).toBe('UNRELATED_HISTORIES');
    expect(error.message).toBe('"main" and "lone" share no history; pass allowUnrelatedHistories to merge them anyway.');

    const report = await detectConflicts({ repo, ours: 'main', theirs: 'lone', allowUnrelatedHistories: true });
    expect(report.conflicts).toMatchObject([
      {
        path: 'same.txt',
        kind: 'add/add',
        stages: { ours: blob(repo, 'main', 'same.txt'), theirs: blob(repo, 'lone', 'same.txt') },
        message: 'CONFLICT (add/add): Merge conflict in same.txt',
      },
    ]);
  });

  test('a ref that names no commit is UNKNOWN_REF, naming the side', async () => {
    const repo = makeRepo();
    const theirs = await rejectionOf(detectConflicts({ repo, ours: 'main', theirs: 'no-such-branch' }));
    expect(theirs.code).toBe('UNKNOWN_REF');
    expect(theirs.message).toBe(`theirs "no-such-branch" does not name a commit in ${repo}.`);
    const ours = await rejectionOf(detectConflicts({ repo, ours: 'v9', theirs: 'main' }));
    expect(ours.message).toBe(`ours "v9" does not name a commit in ${repo}.`);
    git(repo, 'tag', 'a-tree', 'main^{tree}');
    expect((await rejectionOf(detectConflicts({ repo, ours: 'main', theirs: 'a-tree' }))).code).toBe('UNKNOWN_REF');
  });

  test('a folder outside any repository, or none at all, is NOT_A_REPOSITORY', async () => {
    const outside = makeTempDir();
    const error = await rejectionOf(detectConflicts({ repo: outside, ours: 'main', theirs: 'x' }));
    expect(error.code).toBe('NOT_A_REPOSITORY');
    expect(error.message).toBe(`${outside} is not in a git repository: fatal: not a git repository (or any of the parent directories): .git`);
    const missing = path.join(outside, 'gone');
    expect((await rejectionOf(detectConflicts({ repo: missing, ours: 'main', theirs: 'x' }))).message).toBe(
      `The folder ${missing} does not exist.`,
    );
  });

  test('a damaged repository is GIT_FAILED with git\'s complaint', async () => {
    const repo = twoSides({ 'a.txt': LINES }, { write: { 'a.txt': LINES.replace('2', 'ours') } }, { write: { 'a.txt': LINES.replace('2', 'theirs') } });
    const lost = blob(repo, 'theirs', 'a.txt');
    fs.rmSync(path.join(repo, '.git', 'objects', lost.slice(0, 2), lost.slice(2)));

    const error = await rejectionOf(detectConflicts({ repo, ours: 'ours', theirs: 'theirs' }));

    expect(error.code).toBe('GIT_FAILED');
    expect(error.message).toMatch(new RegExp(`^git merge-tree failed in ${repo}: (fatal|error): .*${lost.slice(0, 7)}`));
    expect(error.data).toEqual({ repo, ours: 'ours', theirs: 'theirs', exitCode: 128 });
  });
});
