import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRepo, makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { assertValidRef, detectConflicts, refProblem } from '../src';
import { rejectionOf } from './support';

afterAll(() => removeTempDirs());

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

const GOOD = ['main', 'HEAD', 'origin/main', 'refs/heads/feature/x', 'v1.0', 'a'.repeat(40), 'x$(touch${IFS}p)', 'ünï'];

function gitAcceptsAsRef(name: string, cwd: string): boolean {
  return spawnSync('git', ['check-ref-format', '--allow-onelevel', name], { cwd, stdio: 'ignore' }).status === 0;
}

describe('refProblem follows git check-ref-format', () => {
  test.each(BAD)('refuses %j: %s', (ref, problem) => {
    expect(refProblem(ref)).toBe(problem);
  });

  // check-ref-format would read a leading "-" as one of its own options: those are left out.
  test.each(BAD.filter(([ref]) => !ref.startsWith('-')))('git refuses %j too', (ref) => {
    expect(gitAcceptsAsRef(ref, makeTempDir())).toBe(false);
  });

  test.each(GOOD)('accepts %j, as git does', (ref) => {
    expect(gitAcceptsAsRef(ref, makeTempDir())).toBe(true);
    expect(refProblem(ref)).toBeNull();
    expect(assertValidRef(ref, 'ours')).toBe(ref);
  });
});

describe('detectConflicts refuses bad refs before running anything', () => {
  let repo: string;

  beforeAll(() => {
    repo = makeRepo();
  });

  // Given a folder that does not exist, anything that ran first would fail with NOT_A_REPOSITORY:
  // INVALID_REF there shows the refs are checked before git or the file system is asked.
  test.each(BAD.map(([ref]) => [JSON.stringify(ref), ref]))('%s, on either side, is INVALID_REF before anything runs', async (_label, ref) => {
    const nowhere = path.join(makeTempDir(), 'does-not-exist');
    for (const [ours, theirs, side] of [
      [ref, 'main', 'ours'],
      ['main', ref, 'theirs'],
    ] as const) {
      for (const where of [repo, nowhere]) {
        const error = await rejectionOf(detectConflicts({ repo: where, ours, theirs }));
        expect(error.code).toBe('INVALID_REF');
        expect(error.message).toMatch(new RegExp(`^${side} ".*" is not a valid ref: .*Give a branch, tag or remote-tracking name, HEAD, or a commit id\\.$`, 's'));
        expect(error.data).toEqual({ ref, what: side });
      }
    }
    expect(fs.existsSync(nowhere)).toBe(false);
  });

  test('a valid ref that a shell would run is only a name: UNKNOWN_REF, and nothing is executed', async () => {
    const ref = 'x$(touch${IFS}pwned)`touch${IFS}pwned2`';
    expect(refProblem(ref)).toBeNull();
    const error = await rejectionOf(detectConflicts({ repo, ours: 'main', theirs: ref }));
    expect(error.code).toBe('UNKNOWN_REF');
    expect(fs.readdirSync(repo).filter((name) => name.startsWith('pwned'))).toEqual([]);
  });
});
