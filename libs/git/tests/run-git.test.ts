import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitError, gitErrorsAs, gitOutput, gitOutputBytes, runGit, setGitLaunchMode, tryGit } from '../src';

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pcc-git-'));
  await gitOutput(dir, ['init', '-q', '-b', 'main']);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The same contract whether this process starts git or hands it to the helper (see launch/).
describe.each([
  ['directly', 'never'],
  ['through the helper', 'always'],
] as const)('git started %s', (_, mode) => {
  beforeAll(() => setGitLaunchMode(mode));
  afterAll(() => setGitLaunchMode('auto'));

  test('a non-zero exit is a result, with git stderr', async () => {
    const result = await runGit(dir, ['rev-parse', '--verify', '-q', 'no-such-ref']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
  });

  test('gitOutput fails with git\'s fatal line and the exit code', async () => {
    const failure = await gitOutput(dir, ['log', '-1', 'no-such-ref', '--']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GitError);
    expect(failure).toMatchObject({ code: 'GIT_FAILED', data: { exitCode: 128, dir } });
    expect((failure as Error).message).toMatch(/^git log failed in .*: fatal: bad revision 'no-such-ref'$/);
  });

  test('maxStdoutBytes stops a git whose output has no end, and says so', async () => {
    const flood = await runGit(dir, ['-c', 'alias.flood=!yes', 'flood'], { maxStdoutBytes: 100_000 });
    expect(flood.truncated).toBe(true);
    expect(flood.stdout.length).toBeGreaterThan(100_000);
    expect(flood.stdout.slice(0, 4)).toBe('y\ny\n');
    const small = await runGit(dir, ['rev-parse', '--is-inside-work-tree'], { maxStdoutBytes: 100_000 });
    expect(small).toEqual({ exitCode: 0, stdout: 'true\n', stderr: '' });
  });

  test('stdin reaches git and stdout comes back as bytes', async () => {
    const oid = await gitOutputBytes(dir, ['hash-object', '--stdin'], { input: Buffer.from('hello\n') });
    expect(oid.toString('utf8').trim()).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });

  test('tryGit is null on failure and stdout on success', async () => {
    expect(await tryGit(dir, ['rev-parse', '--verify', '-q', 'HEAD'])).toBeNull();
    expect(await tryGit(dir, ['rev-parse', '--is-inside-work-tree'])).toBe('true\n');
  });

  test('the environment given is the whole environment, and git never prompts', async () => {
    const result = await runGit(dir, ['var', 'GIT_AUTHOR_IDENT'], {
      env: { PATH: process.env['PATH'], GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com', HOME: dir },
    });
    expect(result.stdout).toMatch(/^Ada <ada@example.com> /);
  });

  test('variables that name another repository (a git hook sets GIT_DIR) never move git away from its folder', async () => {
    const other = mkdtempSync(join(tmpdir(), 'pcc-git-other-'));
    try {
      await gitOutput(other, ['init', '-q', '-b', 'main']);
      const env = { ...process.env, GIT_DIR: join(other, '.git'), GIT_WORK_TREE: other };
      expect((await gitOutput(dir, ['rev-parse', '--show-toplevel'], { env })).trim()).toBe((await gitOutput(dir, ['rev-parse', '--show-toplevel'])).trim());
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  test('a git that runs too long is stopped with GIT_TIMEOUT', async () => {
    const slow = runGit(dir, ['-c', 'alias.wait=!sleep 5', 'wait'], { timeoutMs: 200 });
    await expect(slow).rejects.toMatchObject({ code: 'GIT_TIMEOUT' });
  });

  test('a folder that does not exist is GIT_FAILED naming it', async () => {
    const missing = join(dir, 'missing');
    await expect(runGit(missing, ['status'])).rejects.toMatchObject({ code: 'GIT_FAILED', message: expect.stringContaining(missing) });
  });
});

test('gitErrorsAs turns a GitError into the caller\'s error and lets other errors through', async () => {
  class LibError extends Error {
    constructor(
      readonly code: string,
      message: string,
      readonly data: Record<string, unknown>,
    ) {
      super(message);
    }
  }
  const as = (error: GitError) => new LibError('GIT_FAILED', error.message, error.data);
  const failed = await gitErrorsAs(gitOutput(dir, ['log', '-1', 'no-such-ref', '--']), as).catch((error: unknown) => error);
  expect(failed).toBeInstanceOf(LibError);
  expect(failed).toMatchObject({ code: 'GIT_FAILED', message: expect.stringContaining("fatal: bad revision 'no-such-ref'"), data: { exitCode: 128 } });
  const other = new TypeError('not git');
  await expect(gitErrorsAs(Promise.reject(other), as)).rejects.toBe(other);
  await expect(gitErrorsAs(Promise.resolve(42), as)).resolves.toBe(42);
});
