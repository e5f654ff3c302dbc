import { git, makeRepo, removeTempDirs } from '@parallel-cc/test-utils';
import { conflictMatrix, detectConflicts } from '../src';
import type { DetectConflictsOptions } from '../src';
import { parseWalk, pathsMeet } from '../src/matrix/side-history';
import { branchWith } from './support';

afterAll(() => removeTempDirs());

describe('the preflight that settles provably clean pairs', () => {
  it('reads git log -z --name-status records', () => {
    const output = '\x01aaa bbb\0\nM\0src/a.ts\0A\0b c.md\0\x01bbb\0\nD\0old\0';
    expect([...parseWalk(output)]).toEqual([
      ['aaa', { parents: ['bbb'], changes: [{ status: 'M', path: 'src/a.ts' }, { status: 'A', path: 'b c.md' }] }],
      ['bbb', { parents: [], changes: [{ status: 'D', path: 'old' }] }],
    ]);
  });

  it('sees paths meet on a shared path or where one side has a file and the other a folder', () => {
    expect(pathsMeet(new Set(['a/b.ts']), new Set(['a/c.ts']))).toBe(false);
    expect(pathsMeet(new Set(['a/b.ts']), new Set(['a/b.ts', 'z']))).toBe(true);
    expect(pathsMeet(new Set(['lib']), new Set(['lib/x.ts']))).toBe(true);
    expect(pathsMeet(new Set(['x/lib/y/z.ts']), new Set(['x/lib']))).toBe(true);
  });

  it('runs merge-tree only for pairs that touch the same files, and answers exactly as without it', async () => {
    const repo = makeRepo({ 'shared.ts': 'export const s = 1;\n', 'dir/keep.ts': 'k\n', 'docs/a.md': 'a\n' });
    branchWith(repo, 'a', { write: { 'a.ts': 'a\n', 'shared.ts': 'export const s = 2;\n' } });
    branchWith(repo, 'b', { write: { 'b.ts': 'b\n' } });
    branchWith(repo, 'c', { write: { 'shared.ts': 'export const s = 3;\n' } });
    branchWith(repo, 'file-here', { write: { 'docs/new': 'file\n' } });
    branchWith(repo, 'folder-here', { write: { 'docs/new/inner.md': 'folder\n' } });
    branchWith(repo, 'moves-dir', { rename: { 'dir/keep.ts': 'docs/keep.ts' } });
    branchWith(repo, 'adds-in-dir', { write: { 'dir/added.ts': 'x\n' } });
    const branches = ['a', 'b', 'c', 'file-here', 'folder-here', 'moves-dir', 'adds-in-dir'].map((ref) => ({ ref, base: 'main' }));
    const ran: string[] = [];
    const counting = (o: DetectConflictsOptions) => {
      ran.push(`${o.ours}×${o.theirs}`);
      return detectConflicts(o);
    };
    const fast = await conflictMatrix({ repo, branches, detect: counting, classify: false });
    const slow = await conflictMatrix({ repo, branches, preflight: false, classify: false });
    const summary = (m: typeof fast) => m.checks.map((c) => `${c.ours}×${c.theirs}:${c.status}:${c.conflicts.map((x) => x.path).join(',')}`);
    expect(summary(fast)).toEqual(summary(slow));
    // A shared file, a file where the other side has a folder, and a file added to a folder the other side moved.
    expect(summary(fast).filter((s) => !s.includes(':clean:'))).toEqual([
      'a×c:conflicts:shared.ts',
      'file-here×folder-here:conflicts:docs/new~file-here',
      'moves-dir×adds-in-dir:conflicts:docs/added.ts',
    ]);
    // Same file (a×c), file against folder, and every pair with the branch that deleted (renamed) a
    // path, except against main: every branch merely extends main, a fast-forward.
    expect(ran.sort()).toEqual(
      ['a×c', 'file-here×folder-here', 'a×moves-dir', 'b×moves-dir', 'c×moves-dir', 'file-here×moves-dir', 'folder-here×moves-dir', 'moves-dir×adds-in-dir'].sort(),
    );
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it('proves nothing, and leaves every pair to merge-tree, when a ref is unknown', async () => {
    const repo = makeRepo({ 'a.ts': 'a\n' });
    branchWith(repo, 'a', { write: { 'x.ts': 'x\n' } });
    const matrix = await conflictMatrix({ repo, branches: [{ ref: 'a' }, { ref: 'missing' }, { ref: 'main' }] });
    expect(matrix.checks.map((c) => `${c.ours}×${c.theirs}:${c.status}`)).toEqual(['a×missing:failed', 'a×main:clean', 'missing×main:failed']);
  });
});
