import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempDir, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import { ConflictEngineError, detectConflicts, parseStatusV2, SnapshotCache, snapshotWorktree } from '../src';
import { withGitCalls } from './git-calls';

afterAll(() => removeTempDirs());

const LINES = '1\n2\n3\n4\n5\n';

/** What must not change when a snapshot is taken: the index's bytes and mtime, and what git status says (asked without refreshing the index). */
function untouched(worktree: string, indexFile: string) {
  const stat = fs.statSync(indexFile);
  return { index: fs.readFileSync(indexFile).toString('base64'), mtimeMs: stat.mtimeMs, status: git(worktree, '--no-optional-locks', 'status', '--porcelain') };
}

describe('snapshotWorktree', () => {
  test('a clean work tree is its HEAD, found with one git process', async () => {
    const repo = makeRepo({ 'a.txt': LINES });
    const { result, calls } = await withGitCalls(() => snapshotWorktree(repo, { cache: new SnapshotCache() }));
    const head = git(repo, 'rev-parse', 'HEAD');
    expect(result).toEqual({ worktree: repo, head, branch: 'main', commit: head, uncommitted: [], reused: false });
    expect(calls).toHaveLength(1);
  });

  test('tracked changes, staged or not, and untracked files go into a commit on HEAD; ignored files, the index and the files stay as they were', async () => {
    const repo = makeRepo({ 'a.txt': LINES, 'b.txt': 'b\n', 'gone.txt': 'gone\n', '.gitignore': 'ignored.log\n' });
    writeFiles(repo, { 'a.txt': LINES.replace('2', 'two'), 'staged.txt': 'staged\n', 'new dir/untracked.txt': 'new\n', 'odd [x]*.txt': 'odd\n', 'ignored.log': 'noise\n' });
    git(repo, 'add', 'staged.txt');
    fs.rmSync(path.join(repo, 'gone.txt'));
    const indexFile = path.join(repo, '.git', 'index');
    const before = untouched(repo, indexFile);

    const snapshot = await snapshotWorktree(repo, { cache: new SnapshotCache() });

    expect(untouched(repo, indexFile)).toEqual(before);
    expect(snapshot.head).toBe(git(repo, 'rev-parse', 'HEAD'));
    expect(git(repo, 'rev-parse', `${snapshot.commit}^`)).toBe(snapshot.head);
    expect(git(repo, 'show', `${snapshot.commit}:a.txt`)).toBe(LINES.replace('2', 'two').trim());
    expect(git(repo, 'ls-tree', '-r', '--name-only', snapshot.commit).split('\n')).toEqual(['.gitignore', 'a.txt', 'b.txt', 'new dir/untracked.txt', 'odd [x]*.txt', 'staged.txt']);
    expect([...snapshot.uncommitted].sort()).toEqual(['a.txt', 'gone.txt', 'new dir/untracked.txt', 'odd [x]*.txt', 'staged.txt']);
  });

  test('a quiet work tree reuses its snapshot for one git status; any further edit makes a new one', async () => {
    const repo = makeRepo({ 'a.txt': LINES });
    writeFiles(repo, { 'a.txt': LINES.replace('2', 'two') });
    const cache = new SnapshotCache();
    const first = await snapshotWorktree(repo, { cache });

    const again = await withGitCalls(() => snapshotWorktree(repo, { cache }));
    expect(again.result).toEqual({ ...first, reused: true });
    expect(again.calls.map((c) => c[1])).toEqual(['status']);

    writeFiles(repo, { 'a.txt': LINES.replace('2', 'TWO') });
    const edited = await snapshotWorktree(repo, { cache });
    expect(edited.reused).toBe(false);
    expect(git(repo, 'show', `${edited.commit}:a.txt`)).toBe(LINES.replace('2', 'TWO').trim());
  });

  test('the same state makes the same commit in another cache (another process)', async () => {
    const repo = makeRepo({ 'a.txt': LINES });
    writeFiles(repo, { 'a.txt': 'changed\n', 'new.txt': 'new\n' });
    const one = await snapshotWorktree(repo, { cache: new SnapshotCache() });
    const two = await snapshotWorktree(repo, { cache: new SnapshotCache() });
    expect(two.commit).toBe(one.commit);
  });

  test("a linked worktree's own index is copied, and merge-tree sees the collision of two work trees' uncommitted edits", async () => {
    const repo = makeRepo({ 'a.txt': LINES });
    const other = path.join(makeTempDir('pcc-wt-'), 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'feature', other);
    writeFiles(repo, { 'a.txt': LINES.replace('2', 'from main') });
    writeFiles(other, { 'a.txt': LINES.replace('2', 'from feature') });
    const indexFile = git(other, 'rev-parse', '--path-format=absolute', '--git-path', 'index');
    const before = untouched(other, indexFile);

    const [ours, theirs] = [await snapshotWorktree(repo), await snapshotWorktree(other)];
    const report = await detectConflicts({ repo, ours: ours.commit, theirs: theirs.commit, classify: false });

    expect(untouched(other, indexFile)).toEqual(before);
    expect(report.conflicts.map((c) => c.path)).toEqual(['a.txt']);
    expect(theirs.uncommitted).toEqual(['a.txt']);
  });

  test('a folder that is not a work tree, and a branch with no commit yet, are refused with their codes', async () => {
    const folder = makeTempDir('pcc-plain-');
    await expect(snapshotWorktree(folder)).rejects.toMatchObject({ code: 'NO_WORKTREE' });
    const empty = path.join(makeTempDir('pcc-empty-'), 'repo');
    fs.mkdirSync(empty);
    git(empty, 'init', '-q', '-b', 'main');
    writeFiles(empty, { 'a.txt': 'a\n' });
    const error: unknown = await snapshotWorktree(empty).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictEngineError);
    expect(error).toMatchObject({ code: 'UNKNOWN_REF' });
  });
});

describe('parseStatusV2', () => {
  // Captured from git 2.39: a modified file, a staged rename, a path with spaces, an unmerged and an untracked file.
  const captured = [
    '# branch.oid d0874aa9eab3acf6d5feee70c45e320b2343d72a',
    '# branch.head main',
    '1 .M N... 100644 100644 100644 78981922613b2afb6025042ff6bd878ac1994e85 78981922613b2afb6025042ff6bd878ac1994e85 a',
    '2 R. N... 100644 100644 100644 61780798228d17af2d34fce4cfbdf35556832472 61780798228d17af2d34fce4cfbdf35556832472 R100 c',
    'b',
    '1 A. N... 000000 100644 100644 0000000000000000000000000000000000000000 61780798228d17af2d34fce4cfbdf35556832472 with space.txt',
    'u UU N... 100644 100644 100644 100644 61780798228d17af2d34fce4cfbdf35556832472 61780798228d17af2d34fce4cfbdf35556832472 61780798228d17af2d34fce4cfbdf35556832472 both.txt',
    '? u',
    '',
  ].join('\0');

  test('reads HEAD, its branch and every changed path, a rename with its source', () => {
    expect(parseStatusV2(captured)).toEqual({
      head: 'd0874aa9eab3acf6d5feee70c45e320b2343d72a',
      branch: 'main',
      paths: ['a', 'c', 'b', 'with space.txt', 'both.txt', 'u'],
    });
  });

  test('a branch with no commit yet has no HEAD', () => {
    expect(parseStatusV2('# branch.oid (initial)\0# branch.head main\0? a\0')).toEqual({ head: null, branch: 'main', paths: ['a'] });
    expect(parseStatusV2('# branch.oid d0874aa9eab3acf6d5feee70c45e320b2343d72a\0# branch.head (detached)\0')).toMatchObject({ branch: null });
  });
});
