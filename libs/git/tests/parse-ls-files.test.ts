import { parseNulList, parseStagedList } from '../src';
import { captured } from './support';

describe('parseStagedList on captured `git ls-files -z --stage`', () => {
  test('reads each path once with its mode: files, an executable, a link, a submodule, a conflicted path, odd names', () => {
    expect(parseStagedList(captured('ls-files-stage.out'))).toEqual([
      { mode: '100644', path: '.gitignore' },
      { mode: '100644', path: 'conflict.txt' },
      { mode: '100644', path: 'deleted.txt' },
      { mode: '120000', path: 'link' },
      { mode: '100644', path: 'plain.txt' },
      { mode: '100755', path: 'run.sh' },
      { mode: '160000', path: 'sub' },
      { mode: '100644', path: 'tab\tünï.txt' },
    ]);
  });

  test('reads bytes as well as text, and skips records without a tab', () => {
    expect(parseStagedList(Buffer.from('100644 abc 0\ta b.txt\0garbage\0'))).toEqual([{ mode: '100644', path: 'a b.txt' }]);
    expect(parseStagedList('')).toEqual([]);
  });
});

describe('parseNulList on captured `git ls-files -z` listings', () => {
  test('reads untracked, deleted and ignored paths in order', () => {
    expect(parseNulList(captured('ls-files-others.out'))).toEqual(['new dir/untracked.txt']);
    expect(parseNulList(captured('ls-files-deleted.out'))).toEqual(['deleted.txt']);
    expect(parseNulList(captured('ls-files-ignored.out'))).toEqual(['debug.log', 'ignored/']);
  });

  test('reads empty output as no paths, and a path with a newline whole', () => {
    expect(parseNulList('')).toEqual([]);
    expect(parseNulList(Buffer.from('line\nbreak\0b\0'))).toEqual(['line\nbreak', 'b']);
  });
});
