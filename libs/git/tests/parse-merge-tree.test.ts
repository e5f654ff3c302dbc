import { parseMergeTree } from '../src';
import type { MergeTreeOutput } from '../src';
import { captured } from './support';

function parsed(output: string): MergeTreeOutput {
  const result = parseMergeTree(output);
  if (!result) throw new Error('the fixture did not parse');
  return result;
}

describe('parseMergeTree', () => {
  test('reads the tree, the stage entries and the messages of a conflicted merge', () => {
    const { tree, entries, messages } = parsed(captured('merge-tree-many-kinds.out'));
    expect(tree).toBe('2be8cdc3184d9d8cb7da0a1be22618103c6468e2');
    expect(entries).toHaveLength(17);
    expect(entries[0]).toEqual({ mode: '100644', oid: 'dfc40b552b5507f6264109419aba2421a45557fd', stage: 2, path: 'addadd.txt' });
    expect(entries.map((e) => `${e.stage}:${e.path}`).slice(11, 14)).toEqual(['1:renren.txt', '2:rr-ours.txt', '3:rr-theirs.txt']);
    expect(messages).toHaveLength(10);
    expect(messages[6]).toEqual({
      paths: ['ren-ours.txt', 'ren.txt'],
      type: 'CONFLICT (rename/delete)',
      text: 'CONFLICT (rename/delete): ren.txt renamed to ren-ours.txt in ours, but deleted in theirs.',
    });
    expect(messages[7]?.paths).toEqual(['renren.txt', 'rr-ours.txt', 'rr-theirs.txt']);
  });

  test('reads a clean merge as a tree with no entries and no messages', () => {
    expect(parseMergeTree(captured('merge-tree-clean.out'))).toEqual({ tree: '99d81b82c845ec6a4178f87e46ffd8f69a0bd115', entries: [], messages: [] });
    expect(parseMergeTree('99d81b82c845ec6a4178f87e46ffd8f69a0bd115\0')).toEqual({
      tree: '99d81b82c845ec6a4178f87e46ffd8f69a0bd115',
      entries: [],
      messages: [],
    });
  });

  test('keeps paths with tabs, newlines and non-ASCII characters whole', () => {
    const tree = 'a'.repeat(40);
    const output = `${tree}\x00100644 ${'b'.repeat(40)} 2\tdir/tab\there\nnewline ü.txt\x00\x001\x00dir/tab\there\nnewline ü.txt\x00CONFLICT (contents)\x00CONFLICT (content): x\n\x00`;
    const { entries, messages } = parsed(output);
    expect(entries[0]?.path).toBe('dir/tab\there\nnewline ü.txt');
    expect(messages[0]?.paths).toEqual(['dir/tab\there\nnewline ü.txt']);
  });

  test('keeps a captured conflicted path with a tab, a newline and a non-ASCII letter whole', () => {
    const odd = 'odd\tname\nü.txt';
    expect(parsed(captured('merge-tree-odd-path.out'))).toEqual({
      tree: '8f3e68c4931f3033bbbe71a5187c9edb23039eae',
      entries: [
        { mode: '100644', oid: 'df967b96a579e45a18b8251732d16804b2e56a55', stage: 1, path: odd },
        { mode: '100644', oid: 'b19a1e93bec1317dc6097229e12afaffbfa74dc2', stage: 2, path: odd },
        { mode: '100644', oid: '950b81b7eee953d050aa05a641f8e056c85dd1bd', stage: 3, path: odd },
      ],
      messages: [
        { paths: [odd], type: 'Auto-merging', text: `Auto-merging ${odd}` },
        { paths: [odd], type: 'CONFLICT (contents)', text: `CONFLICT (content): Merge conflict in ${odd}` },
      ],
    });
  });

  test('reads the other kinds of conflict git reports: binary, file/directory, a suggested directory rename', () => {
    const { entries, messages } = parsed(captured('merge-tree-more-kinds.out'));
    expect(entries.map((e) => `${e.stage}:${e.path}`)).toEqual([
      '1:bin.dat',
      '2:bin.dat',
      '3:bin.dat',
      '1:fd~theirs',
      '3:fd~theirs',
      '3:newdir/c',
      '1:renamed.txt',
      '2:renamed.txt',
      '3:renamed.txt',
    ]);
    expect(messages.map((m) => m.type)).toEqual([
      'CONFLICT (binary)',
      'Auto-merging',
      'CONFLICT (contents)',
      'CONFLICT (file/directory)',
      'CONFLICT (modify/delete)',
      'CONFLICT (directory rename suggested)',
      'Auto-merging',
      'CONFLICT (contents)',
    ]);
    expect(messages[5]?.paths).toEqual(['newdir/c', 'dir/c']);
  });

  test('returns null for output that is not a merge', () => {
    expect(parseMergeTree('')).toBeNull();
    expect(parseMergeTree('fatal: refusing to merge unrelated histories\n')).toBeNull();
    expect(parseMergeTree(`${'a'.repeat(40)}\x00not an entry\x00\x00`)).toBeNull();
    expect(parseMergeTree(`${'a'.repeat(40)}\x00\x003\x00only-one-path\x00`)).toBeNull();
  });
});
