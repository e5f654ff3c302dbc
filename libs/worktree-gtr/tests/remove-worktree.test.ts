import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeTempDir, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import { createWorktree, removeWorktree } from '../src';
import { hasBranch, listedWorktrees, nativeEnv, quickRepo } from './support';

afterAll(() => removeTempDirs());

const env = nativeEnv();

/** A repository and a fresh worktree on `branch` made from `main`. */
async function repoWithWorktree(branch = 'parallel-cc/0badcafe'): Promise<{ repo: string; worktree: string }> {
  const repo = quickRepo({ 'tracked.txt': 'original\n', 'README.md': '# r\n' });
  const { path: worktree } = await createWorktree({ repoRoot: repo, branch, base: 'main', env });
  return { repo, worktree };
}

const read = (file: string): string => fs.readFileSync(file, 'utf8');

describe('removeWorktree keeps work', () => {
  test('a worktree with a modified tracked file is kept, with the file as it was', async () => {
    const { repo, worktree } = await repoWithWorktree();
    writeFiles(worktree, { 'tracked.txt': 'edited, not committed\n' });

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: 'parallel-cc/0badcafe', baseBranch: 'main', env });

    expect(result).toEqual({ worktree: 'kept', branch: 'kept', reasons: ['worktree has 1 uncommitted change'] });
    expect(read(path.join(worktree, 'tracked.txt'))).toBe('edited, not committed\n');
    expect(listedWorktrees(repo)).toContain(worktree);
    expect(hasBranch(repo, 'parallel-cc/0badcafe')).toBe(true);
  });

  test('a worktree with an untracked file is kept, with the file', async () => {
    const { repo, worktree } = await repoWithWorktree();
    writeFiles(worktree, { 'notes/new idea.md': 'draft\n' });

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: 'parallel-cc/0badcafe', baseBranch: 'main', env });

    expect(result).toEqual({ worktree: 'kept', branch: 'kept', reasons: ['worktree has 1 untracked file'] });
    expect(read(path.join(worktree, 'notes', 'new idea.md'))).toBe('draft\n');
    expect(hasBranch(repo, 'parallel-cc/0badcafe')).toBe(true);
  });

  test('a worktree with staged, modified and untracked files lists them all', async () => {
    const { repo, worktree } = await repoWithWorktree();
    writeFiles(worktree, { 'tracked.txt': 'x\n', 'staged.txt': 's\n', 'u1.txt': '1\n', 'u2.txt': '2\n' });
    git(worktree, 'add', 'staged.txt');

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: 'parallel-cc/0badcafe', baseBranch: 'main', env });

    expect(result.reasons).toEqual(['worktree has 2 uncommitted changes, 2 untracked files']);
    expect(fs.readdirSync(worktree).sort()).toEqual(['.git', 'README.md', 'staged.txt', 'tracked.txt', 'u1.txt', 'u2.txt']);
  });

  test('with force: true, a dirty worktree is removed (and its branch with no commits deleted)', async () => {
    const { repo, worktree } = await repoWithWorktree();
    writeFiles(worktree, { 'tracked.txt': 'edited\n', 'untracked.txt': 'u\n' });

    const result = await removeWorktree({
      repoRoot: repo,
      worktreePath: worktree,
      branch: 'parallel-cc/0badcafe',
      baseBranch: 'main',
      force: true,
      env,
    });

    expect(result).toEqual({ worktree: 'removed', branch: 'deleted', reasons: [] });
    expect(fs.existsSync(worktree)).toBe(false);
    expect(listedWorktrees(repo)).toEqual([repo]);
    expect(hasBranch(repo, 'parallel-cc/0badcafe')).toBe(false);
  });

  test('an unmerged branch survives: the clean worktree goes, the branch stays with the count', async () => {
    const { repo, worktree } = await repoWithWorktree();
    const tip = commitFiles(worktree, { 'feature.txt': 'work\n' }, 'feature work');

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: 'parallel-cc/0badcafe', baseBranch: 'main', env });

    expect(result).toEqual({
      worktree: 'removed',
      branch: 'kept',
      reasons: ['branch parallel-cc/0badcafe kept: 1 commit not in main'],
    });
    expect(fs.existsSync(worktree)).toBe(false);
    expect(hasBranch(repo, 'parallel-cc/0badcafe')).toBe(true);
    expect(git(repo, 'rev-parse', 'refs/heads/parallel-cc/0badcafe')).toBe(tip);
  });

  test('the count of unmerged commits is plural when it should be', async () => {
    const { repo, worktree } = await repoWithWorktree('two-commits');
    commitFiles(worktree, { 'a.txt': 'a\n' });
    commitFiles(worktree, { 'b.txt': 'b\n' });

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: 'two-commits', baseBranch: 'main', env });

    expect(result.reasons).toEqual(['branch two-commits kept: 2 commits not in main']);
    expect(hasBranch(repo, 'two-commits')).toBe(true);
  });

  test('a detached HEAD with commits on no branch is kept', async () => {
    const repo = quickRepo();
    const worktree = path.join(makeTempDir(), 'detached');
    git(repo, 'worktree', 'add', '-q', '--detach', worktree, 'main');
    const orphan = commitFiles(worktree, { 'lost.txt': 'would be lost\n' });

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: null, baseBranch: 'main', env });

    expect(result).toEqual({
      worktree: 'kept',
      branch: 'none',
      reasons: ['worktree has a detached HEAD whose commits are on no branch'],
    });
    expect(git(worktree, 'rev-parse', 'HEAD')).toBe(orphan);
    expect(read(path.join(worktree, 'lost.txt'))).toBe('would be lost\n');
  });

  test('a worktree that cannot be removed (locked) is kept with git’s reason', async () => {
    const { repo, worktree } = await repoWithWorktree('locked');
    git(repo, 'worktree', 'lock', '--reason', 'on a usb stick', worktree);

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: 'locked', baseBranch: 'main', env });

    expect(result.worktree).toBe('kept');
    expect(result.branch).toBe('kept');
    expect(result.reasons).toHaveLength(1);
    expect(result.reasons[0]).toMatch(/locked/);
    expect(fs.existsSync(path.join(worktree, 'README.md'))).toBe(true);
    expect(hasBranch(repo, 'locked')).toBe(true);
  });

  test('the main checkout itself is never removed', async () => {
    const repo = quickRepo();

    const result = await removeWorktree({ repoRoot: repo, worktreePath: repo, branch: null, baseBranch: 'main', env });

    expect(result.worktree).toBe('kept');
    expect(result.reasons[0]).toMatch(/main working tree/);
    expect(fs.existsSync(path.join(repo, 'README.md'))).toBe(true);
    expect(fs.existsSync(path.join(repo, '.git'))).toBe(true);
  });

  test('a branch whose base no longer exists is kept', async () => {
    const repo = quickRepo();
    git(repo, 'branch', 'short-lived');
    const { path: worktree } = await createWorktree({ repoRoot: repo, branch: 'child', base: 'short-lived', env });
    git(repo, 'branch', '-D', 'short-lived');

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: 'child', baseBranch: 'short-lived', env });

    expect(result).toEqual({
      worktree: 'removed',
      branch: 'kept',
      reasons: ['branch child kept: its base short-lived no longer exists'],
    });
    expect(hasBranch(repo, 'child')).toBe(true);
  });
});

describe('removeWorktree deletes what is safe to delete', () => {
  test('an empty branch (no commits of its own) goes with its clean worktree', async () => {
    const { repo, worktree } = await repoWithWorktree();

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: 'parallel-cc/0badcafe', baseBranch: 'main', env });

    expect(result).toEqual({ worktree: 'removed', branch: 'deleted', reasons: [] });
    expect(fs.existsSync(worktree)).toBe(false);
    expect(listedWorktrees(repo)).toEqual([repo]);
    expect(hasBranch(repo, 'parallel-cc/0badcafe')).toBe(false);
    expect(hasBranch(repo, 'main')).toBe(true);
  });

  test('a branch fast-forward merged into main is deleted', async () => {
    const { repo, worktree } = await repoWithWorktree('ff');
    commitFiles(worktree, { 'f.txt': 'f\n' });
    git(repo, 'merge', '-q', '--ff-only', 'ff');

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: 'ff', baseBranch: 'main', env });

    expect(result).toEqual({ worktree: 'removed', branch: 'deleted', reasons: [] });
    expect(hasBranch(repo, 'ff')).toBe(false);
    expect(read(path.join(repo, 'f.txt'))).toBe('f\n');
  });

  test('a branch merged into main with a merge commit is deleted', async () => {
    const { repo, worktree } = await repoWithWorktree('merged');
    commitFiles(worktree, { 'm.txt': 'm\n' });
    commitFiles(repo, { 'main-only.txt': 'meanwhile\n' });
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge merged', 'merged');
    expect(git(repo, 'rev-list', '--count', '--merges', 'main')).toBe('1');

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: 'merged', baseBranch: 'main', env });

    expect(result).toEqual({ worktree: 'removed', branch: 'deleted', reasons: [] });
    expect(hasBranch(repo, 'merged')).toBe(false);
  });

  test('a clean detached worktree at a commit that a branch holds is removed', async () => {
    const repo = quickRepo();
    const worktree = path.join(makeTempDir(), 'detached');
    git(repo, 'worktree', 'add', '-q', '--detach', worktree, 'main');

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: null, baseBranch: 'main', env });

    expect(result).toEqual({ worktree: 'removed', branch: 'none', reasons: [] });
    expect(fs.existsSync(worktree)).toBe(false);
  });

  test('a worktree switched to another branch is removed by path; only the named branch is considered', async () => {
    const { repo, worktree } = await repoWithWorktree('started-here');
    git(worktree, 'switch', '-q', '-c', 'moved-on');

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: 'started-here', baseBranch: 'main', env });

    expect(result).toEqual({ worktree: 'removed', branch: 'deleted', reasons: [] });
    expect(fs.existsSync(worktree)).toBe(false);
    expect(hasBranch(repo, 'started-here')).toBe(false);
    expect(hasBranch(repo, 'moved-on')).toBe(true);
  });

  test('a branch checked out elsewhere is kept with git’s reason', async () => {
    const { repo, worktree } = await repoWithWorktree('first');
    git(worktree, 'switch', '-q', '-c', 'second');
    const other = path.join(makeTempDir(), 'other');
    git(repo, 'worktree', 'add', '-q', other, 'first');

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: 'first', baseBranch: 'main', env });

    expect(result.worktree).toBe('removed');
    expect(result.branch).toBe('kept');
    expect(result.reasons).toHaveLength(1);
    expect(result.reasons[0]).toMatch(/^branch first kept: git branch failed .*first/);
    expect(hasBranch(repo, 'first')).toBe(true);
    expect(fs.existsSync(path.join(other, 'README.md'))).toBe(true);
  });
});

describe('removeWorktree when the folder is already gone', () => {
  test("reports 'missing', prunes git's record and deletes an empty branch", async () => {
    const { repo, worktree } = await repoWithWorktree();
    fs.rmSync(worktree, { recursive: true, force: true });
    expect(listedWorktrees(repo)).toContain(worktree);

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: 'parallel-cc/0badcafe', baseBranch: 'main', env });

    expect(result).toEqual({ worktree: 'missing', branch: 'deleted', reasons: [] });
    expect(listedWorktrees(repo)).toEqual([repo]);
    expect(hasBranch(repo, 'parallel-cc/0badcafe')).toBe(false);
  });

  test("reports 'missing' and keeps a branch with unmerged commits", async () => {
    const { repo, worktree } = await repoWithWorktree('gone-with-work');
    commitFiles(worktree, { 'w.txt': 'w\n' });
    fs.rmSync(worktree, { recursive: true, force: true });

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: 'gone-with-work', baseBranch: 'main', env });

    expect(result).toEqual({
      worktree: 'missing',
      branch: 'kept',
      reasons: ['branch gone-with-work kept: 1 commit not in main'],
    });
    expect(listedWorktrees(repo)).toEqual([repo]);
    expect(hasBranch(repo, 'gone-with-work')).toBe(true);
  });

  test("reports branch 'none' when the branch was already deleted", async () => {
    const { repo, worktree } = await repoWithWorktree('already-gone');
    fs.rmSync(worktree, { recursive: true, force: true });
    git(repo, 'worktree', 'prune');
    git(repo, 'branch', '-D', 'already-gone');

    const result = await removeWorktree({ repoRoot: repo, worktreePath: worktree, branch: 'already-gone', baseBranch: 'main', env });

    expect(result).toEqual({ worktree: 'missing', branch: 'none', reasons: [] });
  });
});
