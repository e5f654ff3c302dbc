import { parseRefTips } from '../src';
import { captured, git, removeMade, repoWith } from './support';

afterAll(() => removeMade());

// Captured from `git for-each-ref --format='%(objectname) %(refname)' refs/heads/ refs/remotes/origin/` (git 2.39).
const CAPTURED = `0b2bd1b1a4d0b3d5c6f1a1f9fbd36bb8a6ed2f47 refs/heads/main
5d41402abc4b2a76b9719d911017c592ae1a1f3c refs/heads/parallel-cc/1a2b3c4d
0b2bd1b1a4d0b3d5c6f1a1f9fbd36bb8a6ed2f47 refs/remotes/origin/HEAD
7e240de74fb1ed08fa08d38063f6a6a91462a815 refs/remotes/origin/main
`;

describe('parseRefTips', () => {
  test('reads every ref with its commit', () => {
    expect(parseRefTips(CAPTURED)).toEqual(
      new Map([
        ['refs/heads/main', '0b2bd1b1a4d0b3d5c6f1a1f9fbd36bb8a6ed2f47'],
        ['refs/heads/parallel-cc/1a2b3c4d', '5d41402abc4b2a76b9719d911017c592ae1a1f3c'],
        ['refs/remotes/origin/HEAD', '0b2bd1b1a4d0b3d5c6f1a1f9fbd36bb8a6ed2f47'],
        ['refs/remotes/origin/main', '7e240de74fb1ed08fa08d38063f6a6a91462a815'],
      ]),
    );
  });

  test('reads branches with odd names, remote-tracking refs and tags from the captured fixture', () => {
    const head = '65be1fd2b0df893f6157af2ca098fe8ec7087f4f';
    expect(parseRefTips(captured('for-each-ref.out'))).toEqual(
      new Map([
        ['refs/heads/feature/one', '3f62008146e56549daaeeaa4924eb7c5d77a787d'],
        ['refs/heads/gone-branch', head],
        ["refs/heads/it's/ünï$(x)", head],
        ['refs/heads/locked-branch', head],
        ['refs/heads/main', head],
        ['refs/heads/quiet-lock', head],
        ['refs/remotes/origin/HEAD', head],
        ['refs/remotes/origin/main', head],
        ['refs/tags/v1.0', head],
      ]),
    );
  });

  test('reads real for-each-ref output, names with odd characters included', () => {
    const repo = repoWith({ 'a.txt': 'a\n' });
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    git(repo, 'branch', "it's/ünï$(x)");
    const tips = parseRefTips(git(repo, 'for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads/'));
    expect(tips).toEqual(new Map([[`refs/heads/it's/ünï$(x)`, head], ['refs/heads/main', head]]));
    expect(parseRefTips('\nnot a line\n')).toEqual(new Map());
  });

  test('reads SHA-256 ids, and skips empty output and lines that are not ref listings', () => {
    const sha256 = 'a'.repeat(64);
    expect(parseRefTips('')).toEqual(new Map());
    expect(parseRefTips(`${sha256} refs/heads/x\nwarning: something\nnot-an-id refs/heads/y\n`)).toEqual(new Map([['refs/heads/x', sha256]]));
  });
});
