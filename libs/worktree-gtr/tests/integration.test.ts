import * as path from 'node:path';
import { commitFiles, git, makeTempDir, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import { currentBranch, isIntegrated, unsavedWork } from '../src';
import { countOwnCommits } from '../src/integration';
import { quickRepo } from './support';

afterAll(() => removeTempDirs());

/** A repository with a worktree on `topic`, branched from main. */
function repoWithTopic(): { repo: string; worktree: string } {
  const repo = quickRepo({ 'a.txt': 'a\n' });
  const worktree = path.join(makeTempDir(), 'topic');
  git(repo, 'worktree', 'add', '-q', '-b', 'topic', worktree);
  return { repo, worktree };
}

describe('countOwnCommits and isIntegrated', () => {
  test('a fresh branch has no commits of its own and is not integrated', async () => {
    const { repo } = repoWithTopic();
    expect(await countOwnCommits(repo, 'topic', 'main')).toBe(0);
    expect(await isIntegrated(repo, 'topic', 'main')).toBe(false);
  });

  test('commits on the branch are counted and not integrated until merged', async () => {
    const { repo, worktree } = repoWithTopic();
    commitFiles(worktree, { 'b.txt': 'b\n' });
    commitFiles(worktree, { 'c.txt': 'c\n' });
    commitFiles(repo, { 'd.txt': 'main moves on\n' });

    expect(await countOwnCommits(repo, 'topic', 'main')).toBe(2);
    expect(await isIntegrated(repo, 'topic', 'main')).toBe(false);

    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge topic', 'topic');

    expect(await countOwnCommits(repo, 'topic', 'main')).toBe(0);
    expect(await isIntegrated(repo, 'topic', 'main')).toBe(true);
  });

  test('the base may be any commit-ish', async () => {
    const { repo, worktree } = repoWithTopic();
    const first = commitFiles(worktree, { 'b.txt': 'b\n' });
    commitFiles(worktree, { 'c.txt': 'c\n' });
    expect(await countOwnCommits(repo, 'topic', first)).toBe(1);
    expect(await isIntegrated(repo, 'topic', 'topic')).toBe(true);
  });
});

describe('unsavedWork and currentBranch', () => {
  test('a clean worktree on a branch has nothing unsaved', async () => {
    const { worktree } = repoWithTopic();
    expect(await unsavedWork(worktree)).toEqual([]);
    expect(await currentBranch(worktree)).toBe('topic');
  });

  test('counts changed and untracked files, singular and plural', async () => {
    const { worktree } = repoWithTopic();
    writeFiles(worktree, { 'a.txt': 'changed\n', 'new.txt': 'n\n' });
    expect(await unsavedWork(worktree)).toEqual(['1 uncommitted change', '1 untracked file']);
    writeFiles(worktree, { 'deep/er/x.txt': 'x\n' });
    git(worktree, 'add', 'new.txt');
    expect(await unsavedWork(worktree)).toEqual(['2 uncommitted changes', '1 untracked file']);
  });

  test('a detached HEAD is fine while a branch holds its commit, not after committing on it', async () => {
    const { repo } = repoWithTopic();
    const detached = path.join(makeTempDir(), 'detached');
    git(repo, 'worktree', 'add', '-q', '--detach', detached, 'main');

    expect(await currentBranch(detached)).toBeNull();
    expect(await unsavedWork(detached)).toEqual([]);

    commitFiles(detached, { 'z.txt': 'z\n' });
    expect(await unsavedWork(detached)).toEqual(['a detached HEAD whose commits are on no branch']);

    git(detached, 'branch', 'rescued');
    expect(await unsavedWork(detached)).toEqual([]);
  });
});
