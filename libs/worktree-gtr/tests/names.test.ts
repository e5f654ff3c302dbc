import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { branchNameProblem } from '@parallel-cc/git';
import { sessionBranchName, worktreePathFor } from '../src';
import { defaultWorktreesDir, worktreeFolderName } from '../src/names';

describe('sessionBranchName', () => {
  test('is parallel-cc/ and the first 8 hex digits of the session id', () => {
    expect(sessionBranchName('1A2B3C4D-5e6f-4a7b-8c9d-0e1f2a3b4c5d')).toBe('parallel-cc/1a2b3c4d');
  });

  test('gives a valid branch name for a fresh random id', () => {
    const branch = sessionBranchName(randomUUID());
    expect(branch).toMatch(/^parallel-cc\/[0-9a-f]{8}$/);
    expect(branchNameProblem(branch)).toBeNull();
  });
});

describe('worktreeFolderName', () => {
  test('turns / and other specials into - like gtr', () => {
    expect(worktreeFolderName('parallel-cc/1a2b3c4d')).toBe('parallel-cc-1a2b3c4d');
    expect(worktreeFolderName('feat/ünï $(x)')).toBe('feat--n----x-');
  });

  test('keeps letters, digits, dot, underscore and dash', () => {
    expect(worktreeFolderName('v1.2_rc-3')).toBe('v1.2_rc-3');
  });
});

describe('worktree locations', () => {
  test('default to <repo-parent>/<repo>-worktrees', () => {
    expect(defaultWorktreesDir('/src/my repo')).toBe('/src/my repo-worktrees');
    expect(worktreePathFor('/src/my repo', 'parallel-cc/abc')).toBe(
      path.join('/src/my repo-worktrees', 'parallel-cc-abc'),
    );
  });

  test('resolve a configured folder relative to the repository, or take it as is when absolute', () => {
    expect(worktreePathFor('/src/repo', 'a/b', '../trees')).toBe('/src/trees/a-b');
    expect(worktreePathFor('/src/repo', 'a/b', '.worktrees')).toBe('/src/repo/.worktrees/a-b');
    expect(worktreePathFor('/src/repo', 'a/b', '/var/trees')).toBe('/var/trees/a-b');
  });
});
