import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { createWorktree, worktreePathFor } from '../src';
import { cleanEnv, hasBranch, listedWorktrees, nativeEnv, rejectionOf, quickRepo } from './support';

afterAll(() => removeTempDirs());

describe('createWorktree with plain git', () => {
  test('makes <repo>-worktrees/<branch as folder> on a new branch from the base', async () => {
    const parent = makeTempDir();
    const repo = quickRepo({ 'a.txt': 'from main\n' }, { parent, name: 'repo' });
    const base = git(repo, 'rev-parse', 'HEAD');

    const created = await createWorktree({ repoRoot: repo, branch: 'parallel-cc/1a2b3c4d', base: 'main', env: nativeEnv() });

    const expected = path.join(parent, 'repo-worktrees', 'parallel-cc-1a2b3c4d');
    expect(created).toEqual({
      path: expected,
      branch: 'parallel-cc/1a2b3c4d',
      backend: 'native',
      copied: [],
      warnings: [],
    });
    expect(fs.readFileSync(path.join(expected, 'a.txt'), 'utf8')).toBe('from main\n');
    expect(git(expected, 'symbolic-ref', '--short', 'HEAD')).toBe('parallel-cc/1a2b3c4d');
    expect(git(expected, 'rev-parse', 'HEAD')).toBe(base);
    expect(hasBranch(repo, 'parallel-cc/1a2b3c4d')).toBe(true);
    expect(listedWorktrees(repo)).toEqual([repo, expected]);
  });

  test('starts from the given base, not from what the main checkout has', async () => {
    const repo = quickRepo({ 'a.txt': 'one\n' });
    git(repo, 'branch', 'release');
    const releaseTip = git(repo, 'rev-parse', 'release');
    commitFiles(repo, { 'a.txt': 'two\n' });

    const created = await createWorktree({ repoRoot: repo, branch: 'fix', base: 'release', env: nativeEnv() });

    expect(git(created.path, 'rev-parse', 'HEAD')).toBe(releaseTip);
    expect(fs.readFileSync(path.join(created.path, 'a.txt'), 'utf8')).toBe('one\n');
  });

  test('uses the auto backend as plain git when gtr is not installed', async () => {
    const repo = quickRepo();
    const created = await createWorktree({ repoRoot: repo, branch: 'auto', base: 'main', env: cleanEnv() });
    expect(created.backend).toBe('native');
    expect(fs.existsSync(path.join(created.path, 'README.md'))).toBe(true);
  });

  test('puts worktrees in parallel-cc.worktreesDir, relative to the repository', async () => {
    const parent = makeTempDir();
    const repo = quickRepo(undefined, { parent, name: 'repo' });
    git(repo, 'config', 'parallel-cc.worktreesDir', '../my trees');

    const created = await createWorktree({ repoRoot: repo, branch: 'feat/x', base: 'main', env: nativeEnv() });

    expect(created.path).toBe(path.join(parent, 'my trees', 'feat-x'));
    expect(fs.existsSync(path.join(parent, 'my trees', 'feat-x', 'README.md'))).toBe(true);
    expect(fs.existsSync(path.join(parent, 'repo-worktrees'))).toBe(false);
  });

  test('puts worktrees in PARALLEL_CC_WORKTREES_DIR over git config', async () => {
    const repo = quickRepo();
    git(repo, 'config', 'parallel-cc.worktreesDir', '../ignored');
    const dir = makeTempDir('pcc-wts-');

    const created = await createWorktree({
      repoRoot: repo,
      branch: 'env-dir',
      base: 'main',
      env: nativeEnv({ PARALLEL_CC_WORKTREES_DIR: dir }),
    });

    expect(created.path).toBe(path.join(dir, 'env-dir'));
    expect(fs.existsSync(path.join(dir, 'env-dir', 'README.md'))).toBe(true);
  });

  test('runs the caller’s whileCreating step with the folder and the work in progress, holding the lock', async () => {
    const repo = quickRepo();
    const seen: Array<{ folder: string; made: string; locked: boolean }> = [];
    const created = await createWorktree({
      repoRoot: repo,
      branch: 'hooked',
      base: 'main',
      env: nativeEnv(),
      whileCreating: async (folder, creating) => {
        const locked = fs.existsSync(path.join(repo, '.git', 'parallel-cc-worktrees.lock'));
        seen.push({ folder, made: await creating, locked });
      },
    });
    expect(seen).toEqual([{ folder: created.path, made: created.path, locked: true }]);
  });

  test('a whileCreating step that fails is the failure, after git’s work settled and the lock was let go', async () => {
    const repo = quickRepo();
    await expect(
      createWorktree({ repoRoot: repo, branch: 'failing-hook', base: 'main', env: nativeEnv(), whileCreating: () => Promise.reject(new Error('hook failed')) }),
    ).rejects.toThrow('hook failed');
    expect(listedWorktrees(repo)).toHaveLength(2);
    expect(fs.existsSync(path.join(repo, '.git', 'parallel-cc-worktrees.lock'))).toBe(false);
  });
});

describe('createWorktree refuses bad requests and creates nothing', () => {
  test.each(['-x', 'a..b', '--force', 'has space', 'x.lock', ''])('INVALID_REF for branch %j', async (branch) => {
    const parent = makeTempDir();
    const repo = quickRepo(undefined, { parent, name: 'repo' });
    const branchesBefore = git(repo, 'for-each-ref', '--format=%(refname)', 'refs/heads/');

    const error = await rejectionOf(createWorktree({ repoRoot: repo, branch, base: 'main', env: nativeEnv() }));

    expect(error.code).toBe('INVALID_REF');
    expect(error.data).toEqual({ name: branch });
    expect(git(repo, 'for-each-ref', '--format=%(refname)', 'refs/heads/')).toBe(branchesBefore);
    expect(fs.readdirSync(parent)).toEqual(['repo']);
    expect(listedWorktrees(repo)).toEqual([repo]);
  });

  test('INVALID_REF for a base that reads as an option', async () => {
    const parent = makeTempDir();
    const repo = quickRepo(undefined, { parent, name: 'repo' });
    const error = await rejectionOf(createWorktree({ repoRoot: repo, branch: 'ok', base: '--orphan', env: nativeEnv() }));
    expect(error.code).toBe('INVALID_REF');
    expect(hasBranch(repo, 'ok')).toBe(false);
    expect(fs.readdirSync(parent)).toEqual(['repo']);
  });

  test('INVALID_INPUT when the target folder already exists, leaving its files alone', async () => {
    const parent = makeTempDir();
    const repo = quickRepo(undefined, { parent, name: 'repo' });
    const target = worktreePathFor(repo, 'taken');
    fs.mkdirSync(target, { recursive: true });
    fs.writeFileSync(path.join(target, 'keep.txt'), 'mine\n');

    const error = await rejectionOf(createWorktree({ repoRoot: repo, branch: 'taken', base: 'main', env: nativeEnv() }));

    expect(error.code).toBe('INVALID_INPUT');
    expect(error.data).toEqual({ path: target });
    expect(fs.readdirSync(target)).toEqual(['keep.txt']);
    expect(hasBranch(repo, 'taken')).toBe(false);
  });

  test('GIT_FAILED when the branch already exists, which keeps its commits', async () => {
    const repo = quickRepo();
    git(repo, 'branch', 'exists');
    const tip = git(repo, 'rev-parse', 'exists');

    const error = await rejectionOf(createWorktree({ repoRoot: repo, branch: 'exists', base: 'main', env: nativeEnv() }));

    expect(error.code).toBe('GIT_FAILED');
    expect(error.message).toMatch(/already exists/);
    expect(git(repo, 'rev-parse', 'exists')).toBe(tip);
    expect(listedWorktrees(repo)).toEqual([repo]);
  });

  test('GIT_FAILED for a base that does not exist', async () => {
    const repo = quickRepo();
    const error = await rejectionOf(createWorktree({ repoRoot: repo, branch: 'new', base: 'no-such-base', env: nativeEnv() }));
    expect(error.code).toBe('GIT_FAILED');
    expect(hasBranch(repo, 'new')).toBe(false);
    expect(fs.existsSync(worktreePathFor(repo, 'new'))).toBe(false);
  });
});
