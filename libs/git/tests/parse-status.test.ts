import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseStatusPorcelain } from '../src';
import { captured, git, removeMade, repoWith } from './support';

afterAll(() => removeMade());

const byPath = (a: { path: string }, b: { path: string }): number => a.path.localeCompare(b.path);

describe('parseStatusPorcelain on captured output', () => {
  test('reads every kind of change: a rename and a copy with their sources skipped, odd names whole', () => {
    expect(parseStatusPorcelain(captured('status-porcelain.out'))).toEqual([
      { code: 'A ', path: 'added.txt' },
      { code: 'MM', path: 'both.txt' },
      { code: 'C ', path: 'copy.txt' },
      { code: ' M', path: 'dir/ünï.txt' },
      { code: ' M', path: 'modified.txt' },
      { code: 'R ', path: 'new name.txt' },
      { code: 'M ', path: 'original.txt' },
      { code: 'M ', path: 'staged.txt' },
      { code: ' D', path: 'with space.txt' },
      { code: '??', path: 'line\nbreak.txt' },
      { code: '??', path: 'untracked dir/deep/f "q".txt' },
    ]);
  });

  test('reads --untracked-files=no output (how a rebase checks a worktree) as the tracked changes only', () => {
    const tracked = parseStatusPorcelain(captured('status-porcelain-tracked.out'));
    expect(tracked.map((entry) => `${entry.code} ${entry.path}`)).toEqual([
      'A  added.txt',
      'MM both.txt',
      'C  copy.txt',
      ' M dir/ünï.txt',
      ' M modified.txt',
      'R  new name.txt',
      'M  original.txt',
      'M  staged.txt',
      ' D with space.txt',
    ]);
  });
});

describe('parseStatusPorcelain', () => {
  test('reads every kind of change from real `git status --porcelain=v1 -z` output', () => {
    const repo = repoWith({
      'modified.txt': 'one\n',
      'staged.txt': 'one\n',
      'with space.txt': 'one\n',
      'old name.txt': 'rename me\n',
      'dir/ünï.txt': 'one\n',
    });
    for (const file of ['modified.txt', 'staged.txt', 'dir/ünï.txt']) fs.writeFileSync(path.join(repo, file), 'two\n');
    git(repo, 'add', 'staged.txt');
    git(repo, 'mv', 'old name.txt', 'new name.txt');
    fs.rmSync(path.join(repo, 'with space.txt'));
    fs.mkdirSync(path.join(repo, 'untracked dir/deep'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'added.txt'), 'new\n');
    fs.writeFileSync(path.join(repo, 'x'), 'untracked\n');
    fs.writeFileSync(path.join(repo, 'untracked dir/deep/f "q".txt'), 'u\n');
    git(repo, 'add', 'added.txt');

    const output = git(repo, 'status', '--porcelain=v1', '-z', '--untracked-files=all');
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
    const repo = repoWith({ 'README.md': '# test\n' });
    expect(parseStatusPorcelain(git(repo, 'status', '--porcelain=v1', '-z'))).toEqual([]);
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
