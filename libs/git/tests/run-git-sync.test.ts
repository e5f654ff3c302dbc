import * as path from 'node:path';
import { GitError, runGitSync } from '../src';
import { removeMade, repoWith } from './support';

let repo: string;

beforeAll(() => {
  repo = repoWith({ '.gitignore': 'ignored.txt\n' });
});

afterAll(() => removeMade());

test('reports the exit code, stdout and stderr of git, whatever the exit code', () => {
  expect(runGitSync(repo, ['check-ignore', '-q', '--no-index', '--', 'ignored.txt'])).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  expect(runGitSync(repo, ['check-ignore', '-q', '--no-index', '--', 'kept.txt']).exitCode).toBe(1);
  const failed = runGitSync(repo, ['log', '-1', 'no-such-ref', '--']);
  expect(failed.exitCode).toBe(128);
  expect(failed.stderr).toMatch(/^fatal: bad revision 'no-such-ref'/);
});

test('feeds stdin and reads stdout as text', () => {
  expect(runGitSync(repo, ['hash-object', '--stdin'], { input: 'hello\n' }).stdout).toBe('ce013625030ba8dba906f756967f9e9ca394464a\n');
});

test('a folder that does not exist is GIT_FAILED naming it', () => {
  const missing = path.join(repo, 'missing');
  const caught = thrown(() => runGitSync(missing, ['status']));
  expect(caught).toBeInstanceOf(GitError);
  expect(caught).toMatchObject({ code: 'GIT_FAILED', message: expect.stringMatching(/^git could not be started in .*missing: /) });
});

test('a git that runs too long is stopped with GIT_TIMEOUT', () => {
  expect(thrown(() => runGitSync(repo, ['-c', 'alias.wait=!sleep 5', 'wait'], { timeoutMs: 200 }))).toMatchObject({ code: 'GIT_TIMEOUT' });
});

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
