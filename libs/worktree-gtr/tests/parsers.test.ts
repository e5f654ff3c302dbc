import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, makeTempDir, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import { parseStatusPorcelain, parseWorktreeList } from '../src';
import { gitRaw } from './support';

afterAll(() => removeTempDirs());

const byPath = (a: { path: string }, b: { path: string }): number => a.path.localeCompare(b.path);

describe('parseStatusPorcelain', () => {
  test('reads every kind of change from real `git status --porcelain=v1 -z` output', () => {
    const repo = makeRepo({
      'modified.txt': 'one\n',
      'staged.txt': 'one\n',
      'with space.txt': 'one\n',
      'old name.txt': 'rename me\n',
      'dir/ünï.txt': 'one\n',
    });
    writeFiles(repo, { 'modified.txt': 'two\n', 'staged.txt': 'two\n', 'dir/ünï.txt': 'two\n' });
    git(repo, 'add', 'staged.txt');
    git(repo, 'mv', 'old name.txt', 'new name.txt');
    fs.rmSync(path.join(repo, 'with space.txt'));
    writeFiles(repo, { 'added.txt': 'new\n', 'x': 'untracked\n', 'untracked dir/deep/f "q".txt': 'u\n' });
    git(repo, 'add', 'added.txt');

    const output = gitRaw(repo, 'status', '--porcelain=v1', '-z', '--untracked-files=all');
    expect(output).toContain('\0');

    expect(parseStatusPorcelain(output).sort(byPath)).toEqual(
      [
        { code: 'A ', path: 'added.txt' },
        { code: ' M', path: 'dir/ünï.txt' },
        { code: ' M', path: 'modified.txt' },
        { code: 'R ', path: 'new name.txt' },
        { code: 'M ', path: 'staged.txt' },
        { code: '??', path: 'untracked dir/deep/f "q".txt' },
        { code: ' D', path: 'with space.txt' },
        { code: '??', path: 'x' },
      ].sort(byPath),
    );
  });

  test('reads a clean work tree as no entries', () => {
    const repo = makeRepo();
    expect(parseStatusPorcelain(gitRaw(repo, 'status', '--porcelain=v1', '-z'))).toEqual([]);
  });

  test('skips the source field of a rename even when it looks like an entry', () => {
    expect(parseStatusPorcelain('R  new\0?? old\0 M src/a.ts\0C  copy\0orig\0?? notes.txt\0')).toEqual([
      { code: 'R ', path: 'new' },
      { code: ' M', path: 'src/a.ts' },
      { code: 'C ', path: 'copy' },
      { code: '??', path: 'notes.txt' },
    ]);
  });

  test('reads a fixture with a newline inside a path (the reason for -z)', () => {
    expect(parseStatusPorcelain('?? line\nbreak.txt\0MM both.txt\0')).toEqual([
      { code: '??', path: 'line\nbreak.txt' },
      { code: 'MM', path: 'both.txt' },
    ]);
  });
});

describe('parseWorktreeList', () => {
  test('reads main, branch, detached, locked and prunable worktrees from real `git worktree list --porcelain -z`', () => {
    const parent = makeTempDir();
    const repo = makeRepo({ 'a.txt': 'a\n' }, { parent, name: 'main repo' });
    const head = git(repo, 'rev-parse', 'HEAD');
    const onBranch = path.join(parent, 'wt branch');
    const detached = path.join(parent, 'wt-detached');
    const locked = path.join(parent, 'wt-locked');
    const gone = path.join(parent, 'wt-gone');
    git(repo, 'worktree', 'add', '-q', '-b', 'feature/one', onBranch);
    git(repo, 'worktree', 'add', '-q', '--detach', detached);
    git(repo, 'worktree', 'add', '-q', '-b', 'locked-branch', locked);
    git(repo, 'worktree', 'lock', '--reason', 'on a usb stick', locked);
    git(repo, 'worktree', 'add', '-q', '-b', 'gone-branch', gone);
    fs.rmSync(gone, { recursive: true, force: true });
    const moved = commitFiles(onBranch, { 'b.txt': 'b\n' });

    const output = gitRaw(repo, 'worktree', 'list', '--porcelain', '-z');
    const base = { bare: false, locked: false, prunable: false };
    const [main, ...linked] = parseWorktreeList(output);
    expect(main).toEqual({ ...base, path: repo, head, branch: 'main' });
    // git lists linked worktrees in the order of their admin folders, not of creation.
    expect(linked.sort(byPath)).toEqual(
      [
        { ...base, path: onBranch, head: moved, branch: 'feature/one' },
        { ...base, path: detached, head, branch: null },
        { ...base, path: locked, head, branch: 'locked-branch', locked: true },
        { ...base, path: gone, head, branch: 'gone-branch', prunable: true },
      ].sort(byPath),
    );
  });

  test('reads a bare repository and its worktree', () => {
    const parent = makeTempDir();
    const source = makeRepo({ 'a.txt': 'a\n' }, { parent, name: 'source' });
    const bare = path.join(parent, 'bare.git');
    git(parent, 'clone', '-q', '--bare', source, bare);
    const worktree = path.join(parent, 'from-bare');
    git(bare, 'worktree', 'add', '-q', worktree, 'main');

    const entries = parseWorktreeList(gitRaw(bare, 'worktree', 'list', '--porcelain', '-z'));
    expect(entries).toEqual([
      { path: bare, head: null, branch: null, bare: true, locked: false, prunable: false },
      {
        path: worktree,
        head: git(source, 'rev-parse', 'HEAD'),
        branch: 'main',
        bare: false,
        locked: false,
        prunable: false,
      },
    ]);
  });

  test('reads a literal fixture: a lock without reason and no final terminator', () => {
    const fixture =
      'worktree /src/repo\0HEAD 1111111111111111111111111111111111111111\0branch refs/heads/main\0\0' +
      'worktree /src/repo-worktrees/x y\0HEAD 2222222222222222222222222222222222222222\0detached\0locked\0\0' +
      'worktree /src/repo-worktrees/z\0HEAD 3333333333333333333333333333333333333333\0branch refs/heads/parallel-cc/z';
    expect(parseWorktreeList(fixture)).toEqual([
      {
        path: '/src/repo',
        head: '1111111111111111111111111111111111111111',
        branch: 'main',
        bare: false,
        locked: false,
        prunable: false,
      },
      {
        path: '/src/repo-worktrees/x y',
        head: '2222222222222222222222222222222222222222',
        branch: null,
        bare: false,
        locked: true,
        prunable: false,
      },
      {
        path: '/src/repo-worktrees/z',
        head: '3333333333333333333333333333333333333333',
        branch: 'parallel-cc/z',
        bare: false,
        locked: false,
        prunable: false,
      },
    ]);
  });

  test('reads empty output as no worktrees', () => {
    expect(parseWorktreeList('')).toEqual([]);
  });
});
