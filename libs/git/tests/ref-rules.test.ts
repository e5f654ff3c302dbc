import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { branchNameProblem, refProblem, revisionProblem, shownValue } from '../src';
import { removeMade, tempDir } from './support';

let outsideRepo: string;

beforeAll(() => {
  outsideRepo = tempDir();
});

afterAll(() => removeMade());

/** Whether `git check-ref-format <mode> name` accepts `name`, asked outside any repository. */
function gitAccepts(mode: '--branch' | '--allow-onelevel', name: string): boolean {
  const result = spawnSync('git', ['check-ref-format', mode, name], {
    cwd: outsideRepo,
    env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(outsideRepo) },
    stdio: 'ignore',
  });
  return result.status === 0;
}

describe('refProblem follows git check-ref-format', () => {
  const BAD: Array<[string, string]> = [
    ['', 'it is empty'],
    ['--upload-pack=touch /tmp/p', 'it starts with "-"'],
    ['-', 'it starts with "-"'],
    ['x$(touch /tmp/p)', 'it contains a space, a control character or one of ~ ^ : ? * [ \\'],
    ['main~1', 'it contains a space, a control character or one of ~ ^ : ? * [ \\'],
    ['HEAD^{tree}', 'it contains a space, a control character or one of ~ ^ : ? * [ \\'],
    ['main\nother', 'it contains a space, a control character or one of ~ ^ : ? * [ \\'],
    ['a..b', 'it contains ".."'],
    ['a@{1}', 'it contains "@{"'],
    ['@', 'it is "@"'],
    ['/a', 'it has an empty path component'],
    ['a//b', 'it has an empty path component'],
    ['a.', 'it ends with "."'],
    ['a/.b', 'a component starts with "."'],
    ['a.lock/b', 'a component ends with ".lock"'],
  ];

  test.each(BAD)('refuses %j: %s', (ref, problem) => {
    expect(refProblem(ref)).toBe(problem);
  });

  // check-ref-format would read a leading "-" as one of its own options: those are left out.
  test.each(BAD.filter(([ref]) => !ref.startsWith('-')))('git refuses %j too', (ref) => {
    expect(gitAccepts('--allow-onelevel', ref)).toBe(false);
  });

  test.each(['main', 'HEAD', 'origin/main', 'refs/heads/feature/x', 'v1.0', 'a'.repeat(40), 'x$(touch${IFS}p)', 'ünï'])('accepts %j, as git does', (ref) => {
    expect(gitAccepts('--allow-onelevel', ref)).toBe(true);
    expect(refProblem(ref)).toBeNull();
  });

  test('refuses what is too long to be a ref, or was not UTF-8 on the command line', () => {
    expect(refProblem('a'.repeat(1025))).toBe('it is 1025 characters long (at most 1024)');
    expect(refProblem('ma\uFFFDin')).toBe('it contains U+FFFD, the mark of bytes that are not valid UTF-8');
  });
});

// Names git accepts as branches, including characters that mean something to a shell.
const GOOD_BRANCHES = [
  'main',
  'feature/x',
  'parallel-cc/1a2b3c4d',
  'a.b',
  'a-',
  'a_b',
  'a@b',
  'a.lock.b',
  'a/HEAD',
  'refs/heads/x',
  "it's",
  '#x',
  'a{b}',
  'x$(touch${IFS}pwned)',
  'ünï/cødé',
  '日本語/ブランチ',
  'emoji-🚀',
];

// Names git refuses, one per rule.
const BAD_BRANCHES = [
  '',
  'a b',
  'trailing ',
  'a..b',
  '..',
  'a/..',
  'a@{b',
  '@{-1}',
  '-x',
  '--force',
  'x.lock',
  'a/b.lock/c',
  '.lock',
  'x/.lock',
  'a/',
  '/a',
  'a//b',
  'a\x01b',
  'a\tb',
  'a\nb',
  'a\x7fb',
  'a~b',
  'a^b',
  'a:b',
  'a?b',
  'a*b',
  'a[b',
  'a\\b',
  '.a',
  'a/.b',
  'a.',
  'HEAD',
];

describe('branchNameProblem agrees with git check-ref-format --branch', () => {
  test.each(GOOD_BRANCHES.map((name) => [JSON.stringify(name), name]))('accepts %s like git', (_label, name) => {
    expect(gitAccepts('--branch', name)).toBe(true);
    expect(branchNameProblem(name)).toBeNull();
  });

  test.each(BAD_BRANCHES.map((name) => [JSON.stringify(name), name]))('refuses %s like git', (_label, name) => {
    expect(gitAccepts('--branch', name)).toBe(false);
    expect(branchNameProblem(name)).toEqual(expect.any(String));
  });

  test('refuses a lone "@", which git would read as HEAD, although check-ref-format lets it through', () => {
    expect(gitAccepts('--branch', '@')).toBe(true);
    expect(branchNameProblem('@')).toBe('it is "@"');
  });

  test('names the rule that was broken', () => {
    expect(branchNameProblem('')).toBe('it is empty');
    expect(branchNameProblem('-x')).toBe('it starts with "-"');
    expect(branchNameProblem('a..b')).toBe('it contains ".."');
    expect(branchNameProblem('a@{b')).toBe('it contains "@{"');
    expect(branchNameProblem('a b')).toMatch(/space/);
    expect(branchNameProblem('a/')).toBe('it has an empty path component');
    expect(branchNameProblem('a.')).toBe('it ends with "."');
    expect(branchNameProblem('a/.b')).toBe('a component starts with "."');
    expect(branchNameProblem('a.lock/b')).toBe('a component ends with ".lock"');
    expect(branchNameProblem('HEAD')).toBe('it is "HEAD"');
  });
});

describe('revisionProblem', () => {
  test.each(['main', 'origin/main', 'main~2', 'HEAD^{commit}', 'v1.0', 'a'.repeat(40), 'x$(touch${IFS}p)'])(
    'accepts %j, which can only be read as a revision',
    (revision) => {
      expect(revisionProblem(revision)).toBeNull();
    },
  );

  test.each([
    ['', 'it is empty'],
    ['--upload-pack=evil', 'it starts with "-"'],
    ['-', 'it starts with "-"'],
    ['x$(touch /tmp/p)', 'it contains whitespace or a control character'],
    ['main\nrefs/heads/other', 'it contains whitespace or a control character'],
    ['a\x7f', 'it contains whitespace or a control character'],
    ['a'.repeat(1025), 'it is 1025 characters long (at most 1024)'],
  ])('refuses %j: %s', (revision, problem) => {
    expect(revisionProblem(revision)).toBe(problem);
  });
});

test('shownValue quotes a value for a message and cuts a long one short', () => {
  expect(shownValue('a "b"')).toBe('"a \\"b\\""');
  expect(shownValue('x'.repeat(100))).toBe(`"${'x'.repeat(80)}…"`);
});
