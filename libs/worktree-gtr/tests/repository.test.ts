import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeTempDir, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import { findWorktreeOfBranch, resolveRepository } from '../src';
import { branchExists, refExists } from '../src/repository';
import { rejectionOf, quickRepo } from './support';

afterAll(() => removeTempDirs());

describe('resolveRepository', () => {
  test('at the top of the main checkout', async () => {
    const repo = quickRepo();
    expect(await resolveRepository(repo)).toEqual({
      root: repo,
      toplevel: repo,
      subdir: '',
      mainBranch: 'main',
      mainDetached: false,
    });
  });

  test('from a subfolder of the main checkout', async () => {
    const repo = quickRepo({ 'src/lib/a.ts': 'x\n' });
    expect(await resolveRepository(path.join(repo, 'src', 'lib'))).toMatchObject({
      root: repo,
      toplevel: repo,
      subdir: 'src/lib',
    });
  });

  test('from a subfolder of a worktree: the main checkout is the root, the worktree the toplevel', async () => {
    const parent = makeTempDir();
    const repo = quickRepo({ 'pkg/deep/a.ts': 'x\n' }, { parent, name: 'repo' });
    const worktree = path.join(parent, 'repo-worktrees', 'feature');
    git(repo, 'worktree', 'add', '-q', '-b', 'feature', worktree);

    expect(await resolveRepository(path.join(worktree, 'pkg', 'deep'))).toEqual({
      root: repo,
      toplevel: worktree,
      subdir: 'pkg/deep',
      mainBranch: 'main',
      mainDetached: false,
    });
  });

  test('through a relative path and a symlink, giving real paths', async () => {
    const parent = makeTempDir();
    const repo = quickRepo({ 'sub/a.txt': 'x\n' }, { parent, name: 'repo' });
    const link = path.join(parent, 'link-to-repo');
    fs.symlinkSync(repo, link);
    const relative = path.relative(process.cwd(), path.join(link, 'sub'));

    expect(await resolveRepository(relative)).toMatchObject({ root: repo, toplevel: repo, subdir: 'sub' });
  });

  test('reports the main checkout detached at a commit', async () => {
    const repo = quickRepo();
    const head = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'checkout', '-q', '--detach');
    expect(await resolveRepository(repo)).toMatchObject({ mainBranch: head, mainDetached: true });
  });

  test('reports the main checkout branch even from a worktree on another branch', async () => {
    const parent = makeTempDir();
    const repo = quickRepo(undefined, { parent, name: 'repo' });
    git(repo, 'switch', '-q', '-c', 'develop');
    const worktree = path.join(parent, 'other');
    git(repo, 'worktree', 'add', '-q', '-b', 'topic', worktree);
    expect(await resolveRepository(worktree)).toMatchObject({ root: repo, mainBranch: 'develop' });
  });

  test('NOT_FOUND for a folder that does not exist', async () => {
    const missing = path.join(makeTempDir(), 'nope');
    const error = await rejectionOf(resolveRepository(missing));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.data).toEqual({ path: missing });
  });

  test('NOT_FOUND for a file instead of a folder', async () => {
    const repo = quickRepo({ 'file.txt': 'x\n' });
    const error = await rejectionOf(resolveRepository(path.join(repo, 'file.txt')));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/is not a folder/);
  });

  test('NOT_A_REPOSITORY outside any repository', async () => {
    const dir = makeTempDir();
    const error = await rejectionOf(resolveRepository(dir));
    expect(error.code).toBe('NOT_A_REPOSITORY');
    expect(error.data).toEqual({ path: dir });
  });

  test('NOT_A_REPOSITORY inside a bare repository (no work tree)', async () => {
    const parent = makeTempDir();
    const bare = path.join(parent, 'bare.git');
    git(parent, 'init', '-q', '--bare', bare);
    expect((await rejectionOf(resolveRepository(bare))).code).toBe('NOT_A_REPOSITORY');
  });

  test('NO_COMMITS in a repository without a commit', async () => {
    const dir = makeTempDir();
    git(dir, 'init', '-q', '-b', 'main');
    writeFiles(dir, { 'a.txt': 'not committed\n' });
    const error = await rejectionOf(resolveRepository(dir));
    expect(error.code).toBe('NO_COMMITS');
    expect(error.data).toEqual({ root: dir });
  });

  test('UNSUPPORTED_REPOSITORY when the git directory lives outside the checkout', async () => {
    const parent = makeTempDir();
    const work = path.join(parent, 'work');
    git(parent, 'init', '-q', '-b', 'main', '--separate-git-dir', path.join(parent, 'store.git'), work);
    const error = await rejectionOf(resolveRepository(work));
    expect(error.code).toBe('UNSUPPORTED_REPOSITORY');
    expect(error.data).toEqual({ path: work, commonDir: path.join(parent, 'store.git') });
  });
});

describe('refExists, branchExists, findWorktreeOfBranch', () => {
  test('see what git sees', async () => {
    const parent = makeTempDir();
    const repo = quickRepo(undefined, { parent, name: 'repo' });
    const first = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'branch', 'plain');
    git(repo, 'tag', 'v1');
    const worktree = path.join(parent, 'wt for topic');
    git(repo, 'worktree', 'add', '-q', '-b', 'topic/x', worktree);
    commitFiles(worktree, { 'b.txt': 'b\n' });

    expect(await refExists(repo, 'main')).toBe(true);
    expect(await refExists(repo, 'v1')).toBe(true);
    expect(await refExists(repo, first)).toBe(true);
    expect(await refExists(repo, 'topic/x~1')).toBe(true);
    expect(await refExists(repo, 'topic/x~2')).toBe(false);
    expect(await refExists(repo, 'nope')).toBe(false);

    expect(await branchExists(repo, 'plain')).toBe(true);
    expect(await branchExists(repo, 'topic/x')).toBe(true);
    expect(await branchExists(repo, 'v1')).toBe(false);
    expect(await branchExists(repo, 'nope')).toBe(false);

    expect(await findWorktreeOfBranch(repo, 'topic/x')).toBe(worktree);
    expect(await findWorktreeOfBranch(repo, 'main')).toBe(repo);
    expect(await findWorktreeOfBranch(repo, 'plain')).toBeNull();
  });
});
