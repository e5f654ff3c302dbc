import { repoPathProblem } from '../src';

describe('repoPathProblem', () => {
  test.each(['src/app.ts', 'a', 'dir with space/ünï.txt', '.gitignore', '.github/workflows/ci.yml', 'a..b/c'])('accepts %j', (value) => {
    expect(repoPathProblem(value)).toBeNull();
  });

  test.each([
    ['', 'is empty'],
    ['a\0b', 'contains a NUL byte'],
    ['/etc/passwd', 'is absolute'],
    ['\\x', 'is absolute'],
    ['C:/x', 'is absolute'],
    ['a\\b', 'uses \\ where a repository path has /'],
    ['a//b', 'has an empty segment (two / in a row, or a / at its end)'],
    ['a/', 'has an empty segment (two / in a row, or a / at its end)'],
    ['./a', 'has a "." segment'],
    ['../x', 'has a ".." segment'],
    ['a/../../x', 'has a ".." segment'],
    ['.git/hooks/pre-commit', 'points into .git'],
    ['sub/.GIT/config', 'points into .git'],
  ])('refuses %j: it %s', (value, problem) => {
    expect(repoPathProblem(value)).toBe(problem);
  });
});
