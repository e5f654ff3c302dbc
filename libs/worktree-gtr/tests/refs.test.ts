import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { WorktreeError, assertSafeRevision, assertValidBranchName, refNameProblem, revisionProblem } from '../src';

// Names git accepts as branches, including characters that mean something to a shell.
const GOOD = [
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
const BAD = [
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

let outsideRepo: string;

beforeAll(() => {
  outsideRepo = makeTempDir('pcc-refs-');
});

afterAll(() => removeTempDirs());

function gitAccepts(name: string): boolean {
  const result = spawnSync('git', ['check-ref-format', '--branch', name], {
    cwd: outsideRepo,
    env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(outsideRepo) },
    stdio: 'ignore',
  });
  return result.status === 0;
}

describe('refNameProblem agrees with git check-ref-format --branch', () => {
  test.each(GOOD.map((name) => [JSON.stringify(name), name]))('accepts %s like git', (_label, name) => {
    expect(gitAccepts(name)).toBe(true);
    expect(refNameProblem(name)).toBeNull();
  });

  test.each(BAD.map((name) => [JSON.stringify(name), name]))('refuses %s like git', (_label, name) => {
    expect(gitAccepts(name)).toBe(false);
    expect(refNameProblem(name)).toEqual(expect.any(String));
  });

  test('refuses a lone "@", which git would read as HEAD, although check-ref-format lets it through', () => {
    expect(gitAccepts('@')).toBe(true);
    expect(refNameProblem('@')).toBe('it is "@"');
  });

  test('names the rule that was broken', () => {
    expect(refNameProblem('')).toBe('it is empty');
    expect(refNameProblem('-x')).toBe('it starts with "-"');
    expect(refNameProblem('a..b')).toBe('it contains ".."');
    expect(refNameProblem('a@{b')).toBe('it contains "@{"');
    expect(refNameProblem('a b')).toMatch(/space/);
    expect(refNameProblem('a/')).toBe('it has an empty path component');
    expect(refNameProblem('a.')).toBe('it ends with "."');
    expect(refNameProblem('a/.b')).toBe('a component starts with "."');
    expect(refNameProblem('a.lock/b')).toBe('a component ends with ".lock"');
    expect(refNameProblem('HEAD')).toBe('it is "HEAD"');
  });
});

describe('assertValidBranchName', () => {
  test('returns a good name unchanged', () => {
    expect(assertValidBranchName('parallel-cc/1a2b3c4d')).toBe('parallel-cc/1a2b3c4d');
  });

  test('throws INVALID_REF naming the value and the problem', () => {
    let caught: unknown;
    try {
      assertValidBranchName('--upload-pack=evil', 'base branch');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WorktreeError);
    const error = caught as WorktreeError;
    expect(error.code).toBe('INVALID_REF');
    expect(error.message).toBe('"--upload-pack=evil" is not a valid base branch: it starts with "-".');
    expect(error.data).toEqual({ name: '--upload-pack=evil' });
  });
});

describe('revisionProblem and assertSafeRevision', () => {
  test.each(['main', 'origin/main', 'main~2', 'HEAD^{commit}', 'v1.0', 'a'.repeat(40), 'x$(touch${IFS}p)'])(
    'accepts %j, which can only be read as a revision',
    (revision) => {
      expect(revisionProblem(revision)).toBeNull();
      expect(assertSafeRevision(revision)).toBe(revision);
    },
  );

  test.each([
    ['', 'it is empty'],
    ['--upload-pack=evil', 'it starts with "-"'],
    ['-', 'it starts with "-"'],
    ['x$(touch /tmp/p)', 'it contains whitespace or a control character'],
    ['main\nrefs/heads/other', 'it contains whitespace or a control character'],
    ['a\x7f', 'it contains whitespace or a control character'],
  ])('refuses %j: %s', (revision, problem) => {
    expect(revisionProblem(revision)).toBe(problem);
    expect(() => assertSafeRevision(revision, 'base')).toThrow(`is not a valid base: ${problem}.`);
  });
});
