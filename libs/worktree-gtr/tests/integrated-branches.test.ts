import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, gitIdentityEnv, makeTempDir, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import { WorktreeError, integratedBranches, isIntegrated } from '../src';
import { spawnGit } from '../src/git';
import type { GitRunner } from '../src';
import { quickRepo, rejectionOf } from './support';

afterAll(() => removeTempDirs());

/** A repository whose main checkout is on main, with a worktree on `branch` made from it. */
function repoWithBranch(branch = 'topic'): { repo: string; worktree: string } {
  const repo = quickRepo({ 'a.txt': 'a\n' });
  const worktree = path.join(makeTempDir(), 'wt');
  git(repo, 'worktree', 'add', '-q', '-b', branch, worktree);
  return { repo, worktree };
}

/** Two commits on the worktree's branch, then one on main touching another file. */
function twoCommitsAndMainMoves(repo: string, worktree: string): string[] {
  const first = commitFiles(worktree, { 'b.txt': 'b\n' }, 'add b');
  const second = commitFiles(worktree, { 'a.txt': 'a\nmore a\n' }, 'extend a');
  commitFiles(repo, { 'm.txt': 'main moves on\n' }, 'main work');
  return [first, second];
}

/** Commits `files` in `dir` with the committer date `seconds` after the epoch. */
function commitAt(dir: string, files: Record<string, string>, seconds: number): void {
  writeFiles(dir, files);
  const env = { ...process.env, ...gitIdentityEnv(), GIT_COMMITTER_DATE: `${seconds} +0000` };
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  execFileSync('git', ['commit', '-q', '-m', `at ${seconds}`], { cwd: dir, env });
}

function countingRunner(): { runner: GitRunner; calls: string[][] } {
  const calls: string[][] = [];
  return { calls, runner: (dir, args, input) => (calls.push(args), spawnGit(dir, args, input)) };
}

async function statusOf(repo: string, branch: string, base = 'main') {
  return (await integratedBranches(repo, [branch], base)).get(branch);
}

describe('integrated when the tip is in the base', () => {
  test('merged with a merge commit', async () => {
    const { repo, worktree } = repoWithBranch();
    twoCommitsAndMainMoves(repo, worktree);
    expect(await isIntegrated(repo, 'topic', 'main')).toBe(false);

    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge topic', 'topic');

    expect(await isIntegrated(repo, 'topic', 'main')).toBe(true);
    expect(await statusOf(repo, 'topic')).toEqual({ integrated: true, how: 'ancestor', ownCommits: 0 });
  });

  test('fast-forwarded', async () => {
    const { repo, worktree } = repoWithBranch();
    commitFiles(worktree, { 'b.txt': 'b\n' });
    git(repo, 'merge', '-q', '--ff-only', 'topic');

    expect(git(repo, 'rev-parse', 'main')).toBe(git(repo, 'rev-parse', 'topic'));
    expect(await statusOf(repo, 'topic')).toEqual({ integrated: true, how: 'ancestor', ownCommits: 0 });
  });

  test('merged with a merge commit, then caught up with main', async () => {
    const { repo, worktree } = repoWithBranch();
    twoCommitsAndMainMoves(repo, worktree);
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge topic', 'topic');
    git(worktree, 'merge', '-q', '--ff-only', 'main');

    expect(await statusOf(repo, 'topic')).toEqual({ integrated: true, how: 'ancestor', ownCommits: 0 });
  });

  test('rebased onto a main that moved, then fast-forwarded into it', async () => {
    const { repo, worktree } = repoWithBranch();
    twoCommitsAndMainMoves(repo, worktree);
    git(worktree, 'rebase', '-q', 'main');
    git(repo, 'merge', '-q', '--ff-only', 'topic');

    expect(await statusOf(repo, 'topic')).toEqual({ integrated: true, how: 'ancestor', ownCommits: 0 });
  });

  test('made at a commit of its own (as a sandbox result is) and merged with a merge commit', async () => {
    const repo = quickRepo({ 'a.txt': 'a\n' });
    git(repo, 'checkout', '-q', '-b', 'scratch');
    const result = commitFiles(repo, { 'r.txt': 'result\n' }, 'result');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'branch', 'from-sandbox', result);
    git(repo, 'branch', '-q', '-D', 'scratch');
    commitFiles(repo, { 'm.txt': 'main moves on\n' }, 'main work');
    git(repo, 'branch', 'at-main', 'main');
    expect(await statusOf(repo, 'from-sandbox')).toEqual({ integrated: false, how: null, ownCommits: 1 });

    git(repo, 'merge', '-q', '--no-ff', '--no-edit', 'from-sandbox');

    expect(git(repo, 'log', '-g', '--format=%H', 'refs/heads/from-sandbox')).toBe(result);
    expect(await statusOf(repo, 'from-sandbox')).toEqual({ integrated: true, how: 'ancestor', ownCommits: 0 });
    // Made on the base's own line with nothing of its own: still not merged.
    expect(await statusOf(repo, 'at-main')).toEqual({ integrated: false, how: null, ownCommits: 0 });
  });

  test('without a reflog to tell, any tip in the base counts as merged', async () => {
    const { repo } = repoWithBranch();
    fs.rmSync(path.join(repo, '.git', 'logs', 'refs', 'heads', 'topic'));
    expect(await statusOf(repo, 'topic')).toEqual({ integrated: true, how: 'ancestor', ownCommits: 0 });
  });
});

describe('integrated when the change arrived as new commits', () => {
  test('squash merge: one commit on main holds the whole change', async () => {
    const { repo, worktree } = repoWithBranch();
    twoCommitsAndMainMoves(repo, worktree);
    git(repo, 'merge', '-q', '--squash', 'topic');
    git(repo, 'commit', '-q', '-m', 'squashed topic');

    expect(await isIntegrated(repo, 'topic', 'main')).toBe(true);
    expect(await statusOf(repo, 'topic')).toEqual({ integrated: true, how: 'squash', ownCommits: 2 });
  });

  test('rebase and merge: each commit copied onto a base that moved', async () => {
    const { repo, worktree } = repoWithBranch();
    const commits = twoCommitsAndMainMoves(repo, worktree);
    git(repo, 'cherry-pick', ...commits);
    expect(git(repo, 'rev-list', '--count', 'main')).toBe('4');

    expect(await isIntegrated(repo, 'topic', 'main')).toBe(true);
    expect(await statusOf(repo, 'topic')).toEqual({ integrated: true, how: 'rebase', ownCommits: 2 });
  });

  test('a squash merge of a branch that merged main into itself compares against its newest merge base', async () => {
    const { repo, worktree } = repoWithBranch();
    commitFiles(worktree, { 'b.txt': 'b\n' });
    commitFiles(repo, { 'm.txt': 'm\n' });
    git(worktree, 'merge', '-q', '--no-edit', 'main');
    commitFiles(worktree, { 'c.txt': 'c\n' });
    commitFiles(repo, { 'n.txt': 'n\n' });
    git(repo, 'merge', '-q', '--squash', 'topic');
    git(repo, 'commit', '-q', '-m', 'squashed topic');

    expect(await statusOf(repo, 'topic')).toEqual({ integrated: true, how: 'squash', ownCommits: 3 });
  });
});

describe('not integrated', () => {
  test('a branch with no commits of its own, before and after main moves', async () => {
    const { repo } = repoWithBranch();
    expect(await statusOf(repo, 'topic')).toEqual({ integrated: false, how: null, ownCommits: 0 });
    commitFiles(repo, { 'm.txt': 'm\n' });
    expect(await isIntegrated(repo, 'topic', 'main')).toBe(false);
  });

  test('caught up with main, with nothing of its own: by fast-forward, by rebase, by reset', async () => {
    const { repo, worktree } = repoWithBranch();
    commitFiles(repo, { 'm.txt': 'm\n' }, 'main moves');
    git(worktree, 'merge', '-q', '--ff-only', 'main');
    expect(git(repo, 'rev-parse', 'topic')).toBe(git(repo, 'rev-parse', 'main'));
    expect(await statusOf(repo, 'topic')).toEqual({ integrated: false, how: null, ownCommits: 0 });

    commitFiles(repo, { 'm.txt': 'm2\n' }, 'main moves again');
    git(worktree, 'rebase', '-q', 'main');
    expect(await statusOf(repo, 'topic')).toEqual({ integrated: false, how: null, ownCommits: 0 });

    commitFiles(repo, { 'm.txt': 'm3\n' }, 'and again');
    git(worktree, 'reset', '-q', '--hard', 'main');
    expect(await statusOf(repo, 'topic')).toEqual({ integrated: false, how: null, ownCommits: 0 });
  });

  test('work of its own thrown away, then reset to main: not integrated', async () => {
    const { repo, worktree } = repoWithBranch();
    commitFiles(worktree, { 'b.txt': 'b\n' }, 'work');
    commitFiles(repo, { 'm.txt': 'm\n' }, 'main moves');
    git(worktree, 'reset', '-q', '--hard', 'main');
    expect(await statusOf(repo, 'topic')).toEqual({ integrated: false, how: null, ownCommits: 0 });
  });

  test('merged, then given a new commit: not integrated at the new tip', async () => {
    const { repo, worktree } = repoWithBranch();
    twoCommitsAndMainMoves(repo, worktree);
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge topic', 'topic');
    commitFiles(worktree, { 'late.txt': 'after the merge\n' });

    expect(await statusOf(repo, 'topic')).toEqual({ integrated: false, how: null, ownCommits: 1 });
  });

  test('only some commits cherry-picked', async () => {
    const { repo, worktree } = repoWithBranch();
    const [first] = twoCommitsAndMainMoves(repo, worktree);
    git(repo, 'cherry-pick', first ?? '');

    expect(await statusOf(repo, 'topic')).toEqual({ integrated: false, how: null, ownCommits: 2 });
  });

  test('a change main had and reverted before the branch forked does not count as arrived', async () => {
    const repo = quickRepo({ 'a.txt': 'a\n' });
    git(repo, 'branch', 'early');
    commitFiles(repo, { 'a.txt': 'a\nfeature\n' }, 'feature');
    git(repo, 'revert', '--no-edit', 'HEAD');
    const worktree = path.join(makeTempDir(), 'reland');
    git(repo, 'worktree', 'add', '-q', '-b', 'reland', worktree);
    git(worktree, 'revert', '--no-edit', 'HEAD');
    const early = path.join(makeTempDir(), 'early');
    git(repo, 'worktree', 'add', '-q', early, 'early');
    commitFiles(early, { 'e.txt': 'e\n' });

    // `early` forked before the feature, so the walk of main reaches the feature commit whose
    // patch id the reland shares; it is below reland's fork and must not count.
    const result = await integratedBranches(repo, ['early', 'reland'], 'main');
    expect(result.get('reland')).toEqual({ integrated: false, how: null, ownCommits: 1 });
    expect(result.get('early')).toEqual({ integrated: false, how: null, ownCommits: 1 });
  });

  test('a branch of unrelated history', async () => {
    const repo = quickRepo({ 'a.txt': 'a\n' });
    git(repo, 'checkout', '-q', '--orphan', 'lone');
    commitFiles(repo, { 'a.txt': 'other\n' });
    commitFiles(repo, { 'b.txt': 'other\n' });
    git(repo, 'checkout', '-q', 'main');

    expect(await statusOf(repo, 'lone')).toEqual({ integrated: false, how: null, ownCommits: 2 });
  });
});

describe('integratedBranches over several branches', () => {
  test('stacked branches each count every commit the base lacks', async () => {
    const { repo, worktree } = repoWithBranch('lower');
    commitFiles(worktree, { 'l.txt': 'l\n' });
    git(worktree, 'checkout', '-q', '-b', 'upper');
    commitFiles(worktree, { 'u.txt': 'u\n' });
    commitFiles(worktree, { 'u2.txt': 'u\n' });

    const result = await integratedBranches(repo, ['upper', 'lower', 'upper'], 'main');
    expect([...result.keys()]).toEqual(['upper', 'lower']);
    expect(result.get('lower')?.ownCommits).toBe(1);
    expect(result.get('upper')?.ownCommits).toBe(3);
  });

  test('branches that do not exist are left out; isIntegrated says false', async () => {
    const { repo } = repoWithBranch();
    const result = await integratedBranches(repo, ['topic', 'gone'], 'main');
    expect([...result.keys()]).toEqual(['topic']);
    expect(await isIntegrated(repo, 'gone', 'main')).toBe(false);
    expect(await integratedBranches(repo, [], 'main')).toEqual(new Map());
  });

  test('the base may be a commit id or an expression', async () => {
    const { repo, worktree } = repoWithBranch();
    const tip = commitFiles(worktree, { 'b.txt': 'b\n' });
    commitFiles(worktree, { 'c.txt': 'c\n' });
    expect(await statusOf(repo, 'topic', tip)).toEqual({ integrated: false, how: null, ownCommits: 1 });
    expect(await statusOf(repo, 'topic', 'topic~0')).toEqual({ integrated: true, how: 'ancestor', ownCommits: 0 });
  });
});

describe('branches that leave the base on different lines', () => {
  test('a fork from a merged side line, dated before the others, still sees all of main', async () => {
    const repo = quickRepo({ 'a.txt': 'a\n' });
    const day = 1_800_000_000;
    git(repo, 'checkout', '-q', '-b', 'side');
    commitAt(repo, { 'side.txt': 'side\n' }, day + 10);
    git(repo, 'checkout', '-q', 'main');
    commitAt(repo, { 'm.txt': 'm\n' }, day + 20);
    git(repo, 'branch', 'late', 'main');
    git(repo, 'merge', '-q', '--no-ff', '--no-edit', 'side');
    git(repo, 'branch', 'early', 'side');
    git(repo, 'checkout', '-q', 'early');
    commitAt(repo, { 'e.txt': 'e\n' }, day + 40);
    // `late` redoes side's change on a line that lacks it: main has that change since late forked.
    git(repo, 'checkout', '-q', 'late');
    commitAt(repo, { 'side.txt': 'side\n' }, day + 50);
    git(repo, 'checkout', '-q', 'main');

    const { runner, calls } = countingRunner();
    const result = await integratedBranches(repo, ['early', 'late'], 'main', { git: runner });

    expect(result.get('late')).toEqual({ integrated: true, how: 'squash', ownCommits: 1 });
    expect(result.get('early')).toEqual({ integrated: false, how: null, ownCommits: 1 });
    expect(calls.map((args) => args[0])).toContain('merge-base');
    expect(calls.length).toBeLessThanOrEqual(12);
  });

  test('branches forked from the two roots of a base that merged an unrelated history', async () => {
    const repo = quickRepo({ 'a.txt': 'a\n' });
    git(repo, 'branch', 'from-main', 'main');
    git(repo, 'checkout', '-q', '--orphan', 'other');
    commitFiles(repo, { 'o.txt': 'o\n' });
    git(repo, 'branch', 'from-other', 'other');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'merge', '-q', '--no-edit', '--allow-unrelated-histories', 'other');
    git(repo, 'checkout', '-q', 'from-main');
    commitFiles(repo, { 'fm.txt': 'fm\n' });
    git(repo, 'checkout', '-q', 'from-other');
    const copied = commitFiles(repo, { 'fo.txt': 'fo\n' });
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'cherry-pick', copied);

    const result = await integratedBranches(repo, ['from-main', 'from-other'], 'main');

    expect(result.get('from-other')).toEqual({ integrated: true, how: 'squash', ownCommits: 1 });
    expect(result.get('from-main')).toEqual({ integrated: false, how: null, ownCommits: 1 });
  });
});

describe('bad input', () => {
  const counting = countingRunner;

  test.each([['--upload-pack=touch /tmp/p'], ['x$(touch /tmp/p)'], ['main\nrefs/heads/other'], ['']])(
    'a base like %j is refused before git runs',
    async (base) => {
      const { repo } = repoWithBranch();
      const { runner, calls } = counting();
      const error = await rejectionOf(integratedBranches(repo, ['topic'], base, { git: runner }));
      expect(error.code).toBe('INVALID_REF');
      expect(error.message).toMatch(/is not a valid base/);
      expect(calls).toEqual([]);
    },
  );

  test('a bad branch name is refused before git runs', async () => {
    const { repo } = repoWithBranch();
    const { runner, calls } = counting();
    const error = await rejectionOf(integratedBranches(repo, ['ok', '-D'], 'main', { git: runner }));
    expect(error.code).toBe('INVALID_REF');
    expect(calls).toEqual([]);
  });

  test('an unknown base is NOT_FOUND', async () => {
    const { repo } = repoWithBranch();
    const error = await rejectionOf(isIntegrated(repo, 'topic', 'no-such-base'));
    expect(error).toBeInstanceOf(WorktreeError);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe(`The base no-such-base is not a commit in ${repo}.`);
  });

  test('a folder that is not a repository is GIT_FAILED', async () => {
    const error = await rejectionOf(isIntegrated(makeTempDir(), 'topic', 'main'));
    expect(error.code).toBe('GIT_FAILED');
    expect(error.message).toMatch(/^git (for-each-ref|rev-parse) failed in .*: fatal: not a git repository/);
    expect(error.data['exitCode']).toBe(128);
  });
});
