import { revisionProblem } from '@parallel-cc/git';
import { WorktreeError, assertValidBranchName } from '../src';
import { assertSafeRevision } from '../src/refs';

// The rules themselves are @parallel-cc/git's (branchNameProblem, revisionProblem) and tested there.
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

describe('assertSafeRevision', () => {
  test.each(['main', 'origin/main', 'main~2', 'HEAD^{commit}', 'v1.0', 'a'.repeat(40), 'x$(touch${IFS}p)'])(
    'accepts %j, which can only be read as a revision',
    (revision) => {
      expect(assertSafeRevision(revision)).toBe(revision);
    },
  );

  test.each(['', '--upload-pack=evil', '-', 'x$(touch /tmp/p)', 'main\nrefs/heads/other', 'a\x7f'])('refuses %j, naming the problem', (revision) => {
    expect(revisionProblem(revision)).toEqual(expect.any(String));
    expect(() => assertSafeRevision(revision, 'base')).toThrow(`is not a valid base: ${revisionProblem(revision)}.`);
  });
});
