import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { applyFix } from '../src';
import type { ApplyFixOptions } from '../src';
import { blob, rejectionOf } from './support';

afterAll(() => removeTempDirs());

const ID = '3f9a0c12be47';

/** A suggestion for `file` in `repo` computed from its committed version (null: a new file). */
function suggestion(repo: string, file: string, content: string, ours: string | null = blob(repo, 'HEAD', file)): ApplyFixOptions['suggestion'] {
  return { id: ID, path: file, content, from: { base: null, ours, theirs: null } };
}

function read(repo: string, file: string): string {
  return fs.readFileSync(path.join(repo, file), 'utf8');
}

function backupsOf(gitDir: string): string[] {
  const dir = path.join(gitDir, 'parallel-cc', 'backups');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

describe('applyFix writes a suggestion', () => {
  test('replaces the file and reports blob ids equal to git hash-object', async () => {
    const repo = makeRepo({ 'src/app.ts': 'export const a = 1;\n' });
    const from = blob(repo, 'HEAD', 'src/app.ts');

    const applied = await applyFix({ worktree: repo, suggestion: suggestion(repo, 'src/app.ts', 'export const a = 2;\n') });

    expect(read(repo, 'src/app.ts')).toBe('export const a = 2;\n');
    expect(applied).toEqual({
      suggestionId: ID,
      path: 'src/app.ts',
      file: path.join(repo, 'src', 'app.ts'),
      backup: expect.any(String),
      before: from,
      after: git(repo, 'hash-object', 'src/app.ts'),
      created: false,
      alreadyApplied: false,
    });
  });

  test('a second time, the file already holding the suggestion: nothing is written, no backup is made', async () => {
    const repo = makeRepo({ 'src/app.ts': 'export const a = 1;\n' });
    const fix = suggestion(repo, 'src/app.ts', 'export const a = 2;\n');
    const first = await applyFix({ worktree: repo, suggestion: fix });
    const mtime = fs.statSync(path.join(repo, 'src/app.ts')).mtimeMs;

    const again = await applyFix({ worktree: repo, suggestion: fix });

    expect(again).toEqual({ ...first, backup: null, before: first.after, alreadyApplied: true });
    expect(read(repo, 'src/app.ts')).toBe('export const a = 2;\n');
    expect(fs.statSync(path.join(repo, 'src/app.ts')).mtimeMs).toBe(mtime);
    expect(backupsOf(path.join(repo, '.git'))).toHaveLength(1);
  });

  test('keeps a backup of the old content inside the git dir, where git status does not see it', async () => {
    const repo = makeRepo({ 'notes.md': 'old notes\n', 'other.md': 'x\n' });

    const applied = await applyFix({ worktree: repo, suggestion: suggestion(repo, 'notes.md', 'new notes\n') });

    const backups = path.join(repo, '.git', 'parallel-cc', 'backups');
    expect(applied.backup).not.toBeNull();
    expect(path.relative(backups, applied.backup as string)).toMatch(new RegExp(`^${ID}-\\d{4}-\\d\\d-\\d\\dT\\d{6}\\.\\d{3}Z/notes\\.md$`));
    expect(fs.readFileSync(applied.backup as string, 'utf8')).toBe('old notes\n');
    expect(git(repo, 'status', '--porcelain')).toBe('M notes.md');
  });

  test('copies the backup to backupDir when one is given', async () => {
    const repo = makeRepo({ 'deep/er/notes.md': 'old\n' });
    const backupDir = path.join(makeTempDir('pcc-backups-'), 'mine');

    const applied = await applyFix({ worktree: repo, suggestion: suggestion(repo, 'deep/er/notes.md', 'new\n'), backupDir });

    expect(applied.backup).toBe(path.join(backupDir, 'deep', 'er', 'notes.md'));
    expect(fs.readFileSync(path.join(backupDir, 'deep', 'er', 'notes.md'), 'utf8')).toBe('old\n');
    expect(backupsOf(path.join(repo, '.git'))).toEqual([]);
  });

  test('keeps the file mode: an executable script stays executable', async () => {
    const repo = makeRepo({ 'run.sh': '#!/bin/sh\necho one\n' });
    fs.chmodSync(path.join(repo, 'run.sh'), 0o755);
    commitFiles(repo, {}, 'make it executable');

    await applyFix({ worktree: repo, suggestion: suggestion(repo, 'run.sh', '#!/bin/sh\necho two\n') });

    expect(fs.statSync(path.join(repo, 'run.sh')).mode & 0o777).toBe(0o755);
    expect(git(repo, 'status', '--porcelain')).toBe('M run.sh');
    expect(fs.readdirSync(repo).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  test('creates a new file, and its folders, when from.ours is null', async () => {
    const repo = makeRepo();

    const applied = await applyFix({ worktree: repo, suggestion: suggestion(repo, 'src/new/util.ts', 'export {};\n', null) });

    expect(read(repo, 'src/new/util.ts')).toBe('export {};\n');
    expect(applied).toMatchObject({ created: true, backup: null, before: null, after: git(repo, 'hash-object', 'src/new/util.ts') });
    expect(backupsOf(path.join(repo, '.git'))).toEqual([]);
  });

  test('works in a linked worktree, with the backup in that worktree’s git dir', async () => {
    const repo = makeRepo({ 'lib.ts': 'export const v = 1;\n' });
    const worktree = path.join(path.dirname(repo), 'repo-worktrees', 'feature');
    git(repo, 'worktree', 'add', '-q', '-b', 'feature', worktree);

    const applied = await applyFix({ worktree, suggestion: suggestion(worktree, 'lib.ts', 'export const v = 2;\n') });

    const gitDir = git(worktree, 'rev-parse', '--absolute-git-dir');
    expect(gitDir).toBe(path.join(repo, '.git', 'worktrees', 'feature'));
    expect(applied.file).toBe(path.join(worktree, 'lib.ts'));
    expect(applied.backup?.startsWith(path.join(gitDir, 'parallel-cc', 'backups') + path.sep)).toBe(true);
    expect(read(worktree, 'lib.ts')).toBe('export const v = 2;\n');
    expect(git(worktree, 'status', '--porcelain')).toBe('M lib.ts');
    expect(read(repo, 'lib.ts')).toBe('export const v = 1;\n');
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  test('writes paths relative to the folder it is given, inside the work tree', async () => {
    const repo = makeRepo({ 'pkg/a.txt': 'a\n' });

    const applied = await applyFix({ worktree: path.join(repo, 'pkg'), suggestion: { ...suggestion(repo, 'pkg/a.txt', 'b\n'), path: 'a.txt' } });

    expect(applied.file).toBe(path.join(repo, 'pkg', 'a.txt'));
    expect(read(repo, 'pkg/a.txt')).toBe('b\n');
  });

  test('uses SHA-256 blob ids in a SHA-256 repository', async () => {
    const repo = path.join(makeTempDir('pcc-sha256-'), 'repo');
    fs.mkdirSync(repo);
    git(repo, 'init', '-q', '--object-format=sha256', '-b', 'main');
    git(repo, 'config', 'commit.gpgSign', 'false');
    commitFiles(repo, { 'a.txt': 'one\n' }, 'initial commit');
    const from = blob(repo, 'HEAD', 'a.txt');
    expect(from).toHaveLength(64);

    const changed = await applyFix({ worktree: repo, suggestion: suggestion(repo, 'a.txt', 'two\n') });
    const created = await applyFix({ worktree: repo, suggestion: suggestion(repo, 'b.txt', 'new\n', null) });

    expect(changed.before).toBe(from);
    expect(changed.after).toBe(git(repo, 'hash-object', 'a.txt'));
    expect(created.after).toBe(git(repo, 'hash-object', 'b.txt'));
  });
});

describe('applyFix refuses', () => {
  test('a file edited since the suggestion was computed (FILE_CHANGED), leaving it untouched', async () => {
    const repo = makeRepo({ 'app.ts': 'one\n' });
    const stale = suggestion(repo, 'app.ts', 'suggested\n');
    fs.writeFileSync(path.join(repo, 'app.ts'), 'edited by hand\n');

    const error = await rejectionOf(applyFix({ worktree: repo, suggestion: stale }));

    expect(error.code).toBe('FILE_CHANGED');
    expect(error.message).toContain('app.ts');
    expect(error.message).toContain('changed since the suggestion was computed');
    expect(error.message).toMatch(/re-run the suggestion/i);
    expect(read(repo, 'app.ts')).toBe('edited by hand\n');
    expect(backupsOf(path.join(repo, '.git'))).toEqual([]);
  });

  test('a file deleted since the suggestion was computed', async () => {
    const repo = makeRepo({ 'app.ts': 'one\n', 'keep.md': 'k\n' });
    const stale = suggestion(repo, 'app.ts', 'suggested\n');
    fs.rmSync(path.join(repo, 'app.ts'));

    const error = await rejectionOf(applyFix({ worktree: repo, suggestion: stale }));

    expect(error.code).toBe('FILE_CHANGED');
    expect(error.message).toContain('no longer exists');
    expect(fs.existsSync(path.join(repo, 'app.ts'))).toBe(false);
  });

  test('a new file (from.ours null) when the file exists', async () => {
    const repo = makeRepo({ 'README.md': 'mine\n' });

    const error = await rejectionOf(applyFix({ worktree: repo, suggestion: suggestion(repo, 'README.md', 'theirs\n', null) }));

    expect(error.code).toBe('FILE_CHANGED');
    expect(error.message).toContain('README.md');
    expect(read(repo, 'README.md')).toBe('mine\n');
  });

  test.each([
    ['../x', 'has a ".." segment'],
    ['/etc/passwd', 'is absolute'],
    ['a//b', 'empty segment'],
    ['a/', 'empty segment'],
    ['', 'is empty'],
    ['./a', 'has a "." segment'],
    ['.git/hooks/pre-commit', 'points into .git'],
    ['a\\b', 'uses \\'],
    ['C:/x', 'is absolute'],
    ['a\0b', 'NUL'],
  ])('the path %j (INVALID_INPUT), writing nothing', async (bad, why) => {
    const repo = makeRepo();

    const error = await rejectionOf(applyFix({ worktree: repo, suggestion: { ...suggestion(repo, 'README.md', 'x\n', null), path: bad } }));

    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(JSON.stringify(bad));
    expect(error.message).toContain(why);
    expect(git(repo, 'status', '--porcelain', '--ignored')).toBe('');
    expect(fs.existsSync(path.join(path.dirname(repo), 'x'))).toBe(false);
  });

  test('a folder symlinked to a place outside the work tree (PATH_OUTSIDE_WORKTREE)', async () => {
    const repo = makeRepo();
    const outside = makeTempDir('pcc-outside-');
    fs.symlinkSync(outside, path.join(repo, 'linked'));

    const error = await rejectionOf(applyFix({ worktree: repo, suggestion: suggestion(repo, 'linked/sub/evil.sh', 'x\n', null) }));

    expect(error.code).toBe('PATH_OUTSIDE_WORKTREE');
    expect(error.message).toContain('linked/sub/evil.sh');
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  test('a symlinked folder that leads nowhere', async () => {
    const repo = makeRepo();
    const outside = path.join(makeTempDir('pcc-outside-'), 'missing');
    fs.symlinkSync(outside, path.join(repo, 'dangling'));

    const error = await rejectionOf(applyFix({ worktree: repo, suggestion: suggestion(repo, 'dangling/evil.sh', 'x\n', null) }));

    expect(error.code).toBe('PATH_OUTSIDE_WORKTREE');
    expect(fs.existsSync(outside)).toBe(false);
  });

  test('a symlink at the file itself, even one pointing inside', async () => {
    const repo = makeRepo({ 'real.md': 'real\n' });
    fs.symlinkSync('real.md', path.join(repo, 'alias.md'));

    const error = await rejectionOf(applyFix({ worktree: repo, suggestion: suggestion(repo, 'alias.md', 'x\n', blob(repo, 'HEAD', 'real.md')) }));

    expect(error.code).toBe('PATH_OUTSIDE_WORKTREE');
    expect(error.message).toContain('symbolic link');
    expect(fs.lstatSync(path.join(repo, 'alias.md')).isSymbolicLink()).toBe(true);
    expect(read(repo, 'real.md')).toBe('real\n');
  });

  test('a path through a file, or naming a folder (INVALID_INPUT)', async () => {
    const repo = makeRepo({ 'file.md': 'f\n', 'dir/inner.md': 'i\n' });

    const through = await rejectionOf(applyFix({ worktree: repo, suggestion: suggestion(repo, 'file.md/x', 'x\n', null) }));
    const folder = await rejectionOf(applyFix({ worktree: repo, suggestion: suggestion(repo, 'dir', 'x\n', null) }));

    expect(through.code).toBe('INVALID_INPUT');
    expect(through.message).toContain('file.md');
    expect(folder.code).toBe('INVALID_INPUT');
    expect(folder.message).toContain('not a regular file');
  });

  test('a folder that is in no work tree (NOT_A_REPOSITORY)', async () => {
    const plain = makeTempDir('pcc-plain-');
    const missing = path.join(plain, 'missing');
    const bare = path.join(makeTempDir('pcc-bare-'), 'bare.git');
    git(path.dirname(bare), 'init', '-q', '--bare', bare);
    const options = (worktree: string): ApplyFixOptions => ({
      worktree,
      suggestion: { id: ID, path: 'a.txt', content: 'x\n', from: { base: null, ours: null, theirs: null } },
    });

    for (const worktree of [plain, missing, bare]) {
      const error = await rejectionOf(applyFix(options(worktree)));
      expect(error.code).toBe('NOT_A_REPOSITORY');
      expect(error.message).toContain(worktree);
    }
    expect(fs.readdirSync(plain)).toEqual([]);
  });

  test('malformed suggestions and options (INVALID_INPUT naming the field)', async () => {
    const repo = makeRepo();
    const good = suggestion(repo, 'README.md', 'x\n');
    const cases: Array<[unknown, string]> = [
      [{ worktree: '', suggestion: good }, 'worktree'],
      [{ worktree: repo, suggestion: good, backupDir: '' }, 'backupDir'],
      [{ worktree: repo, suggestion: null }, 'suggestion'],
      [{ worktree: repo, suggestion: { ...good, id: '../../escape' } }, 'suggestion.id'],
      [{ worktree: repo, suggestion: { ...good, path: 42 } }, 'suggestion.path'],
      [{ worktree: repo, suggestion: { ...good, content: Buffer.from('x') } }, 'suggestion.content'],
      [{ worktree: repo, suggestion: { ...good, from: { base: null, ours: 'HEAD', theirs: null } } }, 'suggestion.from.ours'],
    ];

    for (const [options, field] of cases) {
      const error = await rejectionOf(applyFix(options as ApplyFixOptions));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain(`The ${field} `);
    }
    expect(git(repo, 'status', '--porcelain', '--ignored')).toBe('');
  });
});
