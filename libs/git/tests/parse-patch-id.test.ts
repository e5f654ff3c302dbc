import { execFileSync } from 'node:child_process';
import { isObjectId, parsePatchIds } from '../src';
import { captured, commitFiles, removeMade, repoWith } from './support';

afterAll(() => removeMade());

function gitWithInput(repo: string, args: string[], input: string): string {
  return execFileSync('git', args, { cwd: repo, input, encoding: 'utf8' });
}

describe('parsePatchIds', () => {
  test('reads captured `diff-tree --stdin -p --full-index | patch-id --stable` output as commit → patch id', () => {
    expect(parsePatchIds(captured('patch-id.out'))).toEqual(
      new Map([
        ['7ed10f102b43e9c3b32d23a3f76cd792b8fb3e58', 'd064e03f4e53530155dbb3396f692529192a4c6c'],
        ['2349e89be61ffacc450b03e6b8349d480c62991d', '47b26994d17f1ac4f5606a93098d708b70344a49'],
      ]),
    );
  });

  test('drops the patch git could not tie to a commit (a plain diff), which it names with the null id', () => {
    expect(captured('patch-id-no-commit.out')).toMatch(/^[0-9a-f]{40} 0{40}\n$/);
    expect(parsePatchIds(captured('patch-id-no-commit.out'))).toEqual(new Map());
  });

  test('reads real patch-id output and drops the null commit', () => {
    const repo = repoWith({ 'a.txt': 'a\n' });
    const one = commitFiles(repo, { 'b.txt': 'b\n' });
    const two = commitFiles(repo, { 'c.txt': 'c\n' });
    const diff = gitWithInput(repo, ['diff-tree', '--stdin', '-p', '--full-index'], `${one}\n${two}\n`);
    const ids = parsePatchIds(gitWithInput(repo, ['patch-id', '--stable'], diff));
    expect([...ids.keys()]).toEqual([one, two]);
    expect(ids.get(one)).toMatch(/^[0-9a-f]{40}$/);
    expect(ids.get(one)).not.toBe(ids.get(two));
    expect(parsePatchIds(`${'f'.repeat(40)} ${'0'.repeat(40)}\n`)).toEqual(new Map());
  });
});

describe('isObjectId', () => {
  test('accepts SHA-1 and SHA-256 ids only', () => {
    expect(isObjectId('1d50424148112965e1518af4976da423e9ba40e5')).toBe(true);
    expect(isObjectId('a'.repeat(64))).toBe(true);
    expect(isObjectId('1d50424')).toBe(false);
    expect(isObjectId('refs/heads/nope missing')).toBe(false);
  });
});
