import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseWorktreeList } from '../src';
import { captured, commitFiles, git, removeMade, repoWith, tempDir } from './support';

afterAll(() => removeMade());

const byPath = (a: { path: string }, b: { path: string }): number => a.path.localeCompare(b.path);
const base = { bare: false, locked: false, prunable: false };

describe('parseWorktreeList on captured output', () => {
  test('reads main, branch, detached, locked (with and without a reason) and prunable worktrees', () => {
    const head = '65be1fd2b0df893f6157af2ca098fe8ec7087f4f';
    expect(parseWorktreeList(captured('worktree-list.out'))).toEqual([
      { ...base, path: '/tmp/pcc-git-fixtures/main repo', head, branch: 'main' },
      { ...base, path: '/tmp/pcc-git-fixtures/wt branch', head: '3f62008146e56549daaeeaa4924eb7c5d77a787d', branch: 'feature/one' },
      { ...base, path: '/tmp/pcc-git-fixtures/wt-detached', head, branch: null },
      { ...base, path: '/tmp/pcc-git-fixtures/wt-gone', head, branch: 'gone-branch', prunable: true },
      { ...base, path: '/tmp/pcc-git-fixtures/wt-locked', head, branch: 'locked-branch', locked: true },
      { ...base, path: '/tmp/pcc-git-fixtures/wt-quiet-lock', head, branch: 'quiet-lock', locked: true },
    ]);
  });

  test('reads a bare repository and its worktree', () => {
    expect(parseWorktreeList(captured('worktree-list-bare.out'))).toEqual([
      { ...base, path: '/tmp/pcc-git-fixtures/bare.git', head: null, branch: null, bare: true },
      { ...base, path: '/tmp/pcc-git-fixtures/from-bare', head: '65be1fd2b0df893f6157af2ca098fe8ec7087f4f', branch: 'main' },
    ]);
  });
});

describe('parseWorktreeList', () => {
  test('reads main, branch, detached, locked and prunable worktrees from real `git worktree list --porcelain -z`', () => {
    const parent = tempDir();
    const repo = repoWith({ 'a.txt': 'a\n' }, parent, 'main repo');
    const head = git(repo, 'rev-parse', 'HEAD').trim();
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

    const output = git(repo, 'worktree', 'list', '--porcelain', '-z');
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
    const parent = tempDir();
    const source = repoWith({ 'a.txt': 'a\n' }, parent, 'source');
    const bare = path.join(parent, 'bare.git');
    git(parent, 'clone', '-q', '--bare', source, bare);
    const worktree = path.join(parent, 'from-bare');
    git(bare, 'worktree', 'add', '-q', worktree, 'main');

    const entries = parseWorktreeList(git(bare, 'worktree', 'list', '--porcelain', '-z'));
    expect(entries).toEqual([
      { path: bare, head: null, branch: null, bare: true, locked: false, prunable: false },
      {
        path: worktree,
        head: git(source, 'rev-parse', 'HEAD').trim(),
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
