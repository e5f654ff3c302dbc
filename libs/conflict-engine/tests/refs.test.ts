import * as fs from 'node:fs';
import * as path from 'node:path';
import { refProblem } from '@parallel-cc/git';
import { makeRepo, makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { assertValidRef, detectConflicts } from '../src';
import { rejectionOf } from './support';

afterAll(() => removeTempDirs());

// One ref of each kind @parallel-cc/git's refProblem refuses (its own tests check the rules).
const BAD = [
  '',
  '--upload-pack=touch /tmp/p',
  '-',
  'x$(touch /tmp/p)',
  'main~1',
  'HEAD^{tree}',
  'main\nother',
  'a..b',
  'a@{1}',
  '@',
  '/a',
  'a//b',
  'a.',
  'a/.b',
  'a.lock/b',
];

test.each(['main', 'HEAD', 'origin/main', 'refs/heads/feature/x', 'v1.0', 'a'.repeat(40), 'x$(touch${IFS}p)', 'ünï'])(
  'assertValidRef returns %j, a ref git accepts, unchanged',
  (ref) => {
    expect(refProblem(ref)).toBeNull();
    expect(assertValidRef(ref, 'ours')).toBe(ref);
  },
);

describe('detectConflicts refuses bad refs before running anything', () => {
  let repo: string;

  beforeAll(() => {
    repo = makeRepo();
  });

  // Given a folder that does not exist, anything that ran first would fail with NOT_A_REPOSITORY:
  // INVALID_REF there shows the refs are checked before git or the file system is asked.
  test.each(BAD.map((ref) => [JSON.stringify(ref), ref]))('%s, on either side, is INVALID_REF before anything runs', async (_label, ref) => {
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
