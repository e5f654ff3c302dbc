import { parseMergeTree } from '@parallel-cc/git';
import type { MergeTreeOutput } from '@parallel-cc/git';
import { collectConflicts, conflictKind } from '../src/conflicts';
import { MANY_KINDS, MORE_KINDS } from './fixtures/merge-tree-output';

function parsed(output: string): MergeTreeOutput {
  const result = parseMergeTree(output);
  if (!result) throw new Error('the fixture did not parse');
  return result;
}

describe('collectConflicts and conflictKind', () => {
  test('types each conflicted path of the captured merges', () => {
    const many = parsed(MANY_KINDS);
    const more = parsed(MORE_KINDS);
    const kinds = (output: MergeTreeOutput) =>
      Object.fromEntries(collectConflicts(output.entries, output.messages).map((c) => [c.path, c.kind]));
    expect(kinds(many)).toEqual({
      'addadd.txt': 'add/add',
      'content.txt': 'content',
      'delmod.txt': 'modify/delete',
      'moddel.txt': 'modify/delete',
      'ren-ours.txt': 'rename',
      'renren.txt': 'rename',
      'rr-ours.txt': 'rename',
      'rr-theirs.txt': 'rename',
      'same.txt': 'content',
    });
    expect(kinds(more)).toEqual({
      'bin.dat': 'content',
      'fd~theirs': 'other',
      'newdir/c': 'rename',
      'renamed.txt': 'content',
    });
  });

  test('gathers stages by name and joins the CONFLICT messages of a path', () => {
    const more = parsed(MORE_KINDS);
    const fd = collectConflicts(more.entries, more.messages).find((c) => c.path === 'fd~theirs');
    expect(fd).toEqual({
      path: 'fd~theirs',
      kind: 'other',
      stages: { base: '6a69f92020f5df77af6e8813ff1232493383b708', theirs: '5ea2ed416fbd4a4cbe227b75fe255dd7fa6bd4d6' },
      message:
        'CONFLICT (file/directory): directory in the way of fd from theirs; moving it to fd~theirs instead.\n' +
        'CONFLICT (modify/delete): fd~theirs deleted in ours and modified in theirs.  Version theirs of fd~theirs left in tree.',
    });
  });

  test('a CONFLICT message naming no conflicted path still yields a conflict', () => {
    const messages = [
      { paths: ['a/x'], type: 'Auto-merging', text: 'Auto-merging a/x' },
      { paths: ['b/', 'c/'], type: 'CONFLICT(directory rename unclear split)', text: 'CONFLICT (directory rename split): …' },
    ];
    expect(collectConflicts([], messages)).toEqual([
      { path: 'b/', kind: 'rename', stages: {}, message: 'CONFLICT (directory rename split): …' },
    ]);
  });

  test('a conflicted path with no message is of kind other', () => {
    const entries = [{ mode: '100644', oid: 'c'.repeat(40), stage: 3 as const, path: 'lonely' }];
    expect(collectConflicts(entries, [])).toEqual([{ path: 'lonely', kind: 'other', stages: { theirs: 'c'.repeat(40) }, message: '' }]);
  });

  test('conflictKind reads the stable type strings', () => {
    const all = { base: '1', ours: '2', theirs: '3' };
    expect(conflictKind('CONFLICT (contents)', all)).toBe('content');
    expect(conflictKind('CONFLICT (contents)', { ours: '2', theirs: '3' })).toBe('add/add');
    expect(conflictKind('CONFLICT (binary)', all)).toBe('content');
    expect(conflictKind('CONFLICT (add/add)', {})).toBe('add/add');
    expect(conflictKind('CONFLICT (modify/delete)', all)).toBe('modify/delete');
    expect(conflictKind('CONFLICT (rename involved in collision)', all)).toBe('rename');
    expect(conflictKind('CONFLICT (submodule lacks merge base)', all)).toBe('other');
  });
});
