import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, removeTempDirs } from '@parallel-cc/test-utils';
import { readWorktreeConfig } from '../src';
import { parseConfigList } from '../src/config';
import { cleanEnv, gitRaw, rejectionOf, quickRepo } from './support';

afterAll(() => removeTempDirs());

describe('parseConfigList', () => {
  test('reads real `git config -z --get-regexp` output: multi-line values, spaces, valueless keys', () => {
    const repo = quickRepo();
    git(repo, 'config', 'parallel-cc.worktreesDir', '../wt dir');
    git(repo, 'config', 'parallel-cc.postCreate', 'npm ci\necho "done"\n');
    fs.appendFileSync(path.join(repo, '.git', 'config'), '[parallel-cc]\n\tflag\n');
    git(repo, 'config', 'other.key', 'not ours');

    const output = gitRaw(repo, 'config', '-z', '--get-regexp', '^parallel-cc\\.');
    const values = parseConfigList(output);
    expect(Object.fromEntries(values)).toEqual({
      'parallel-cc.worktreesdir': '../wt dir',
      'parallel-cc.postcreate': 'npm ci\necho "done"\n',
      'parallel-cc.flag': 'true',
    });
  });

  test('reads a literal fixture, lower-casing keys and letting the last value win', () => {
    const fixture = 'parallel-cc.Backend\nnative\0parallel-cc.empty\n\0parallel-cc.backend\ngtr\0';
    expect(Object.fromEntries(parseConfigList(fixture))).toEqual({
      'parallel-cc.backend': 'gtr',
      'parallel-cc.empty': '',
    });
  });

  test('reads empty output as no settings', () => {
    expect(parseConfigList('').size).toBe(0);
  });
});

describe('readWorktreeConfig', () => {
  test('defaults to the auto backend and no folder or command', async () => {
    const repo = quickRepo();
    expect(await readWorktreeConfig(repo, cleanEnv())).toEqual({
      backend: 'auto',
      worktreesDir: undefined,
      postCreate: undefined,
    });
  });

  test('reads parallel-cc.* from git config, whatever the case of keys and values', async () => {
    const repo = quickRepo();
    git(repo, 'config', 'parallel-cc.worktreesDir', '../trees');
    git(repo, 'config', 'parallel-cc.postCreate', 'npm ci');
    git(repo, 'config', 'parallel-cc.backend', 'NATIVE');
    expect(await readWorktreeConfig(repo, cleanEnv())).toEqual({
      backend: 'native',
      worktreesDir: '../trees',
      postCreate: 'npm ci',
    });
  });

  test('lets the environment override git config', async () => {
    const repo = quickRepo();
    git(repo, 'config', 'parallel-cc.worktreesDir', '../trees');
    git(repo, 'config', 'parallel-cc.backend', 'native');
    const env = cleanEnv({ PARALLEL_CC_WORKTREE_BACKEND: 'gtr', PARALLEL_CC_WORKTREES_DIR: '/elsewhere' });
    expect(await readWorktreeConfig(repo, env)).toMatchObject({ backend: 'gtr', worktreesDir: '/elsewhere' });
  });

  test('refuses an unknown backend from the environment with INVALID_INPUT', async () => {
    const repo = quickRepo();
    const error = await rejectionOf(readWorktreeConfig(repo, cleanEnv({ PARALLEL_CC_WORKTREE_BACKEND: 'svn' })));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('"svn" is not a worktree backend; use auto, native or gtr.');
    expect(error.data).toEqual({ backend: 'svn' });
  });

  test('refuses an unknown backend from git config with INVALID_INPUT', async () => {
    const repo = quickRepo();
    git(repo, 'config', 'parallel-cc.backend', 'worktrunk');
    const error = await rejectionOf(readWorktreeConfig(repo, cleanEnv()));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.data).toEqual({ backend: 'worktrunk' });
  });
});
