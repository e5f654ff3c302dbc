import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, removeTempDirs } from '@parallel-cc/test-utils';
import { createWorktree } from '../src';
import { hasBranch, nativeEnv, quickRepo } from './support';

afterAll(() => removeTempDirs());

const read = (file: string): string => fs.readFileSync(file, 'utf8');

describe('the post-create command (git config parallel-cc.postCreate)', () => {
  test('runs in the new worktree with WORKTREE_PATH, REPO_ROOT and BRANCH set', async () => {
    const repo = quickRepo();
    git(
      repo,
      'config',
      'parallel-cc.postCreate',
      'pwd -P > where.txt && printf "%s\\n" "$WORKTREE_PATH" "$REPO_ROOT" "$BRANCH" > env.txt',
    );

    const created = await createWorktree({ repoRoot: repo, branch: 'parallel-cc/abcdef12', base: 'main', env: nativeEnv() });

    expect(created.warnings).toEqual([]);
    expect(read(path.join(created.path, 'where.txt'))).toBe(`${created.path}\n`);
    expect(read(path.join(created.path, 'env.txt'))).toBe(`${created.path}\n${repo}\nparallel-cc/abcdef12\n`);
    expect(fs.existsSync(path.join(repo, 'where.txt'))).toBe(false);
  });

  test('sees the environment given to createWorktree', async () => {
    const repo = quickRepo();
    git(repo, 'config', 'parallel-cc.postCreate', 'printf "%s" "$PCC_TEST_MARKER" > marker.txt');

    const created = await createWorktree({
      repoRoot: repo,
      branch: 'env-pass',
      base: 'main',
      env: nativeEnv({ PCC_TEST_MARKER: 'from the caller' }),
    });

    expect(read(path.join(created.path, 'marker.txt'))).toBe('from the caller');
  });

  test('a failing command becomes a warning; the worktree and branch stay', async () => {
    const repo = quickRepo();
    git(repo, 'config', 'parallel-cc.postCreate', 'echo partial > partial.txt; exit 7');

    const created = await createWorktree({ repoRoot: repo, branch: 'fails', base: 'main', env: nativeEnv() });

    expect(created.warnings).toEqual([`The post-create command exited with code 7 in ${created.path}.`]);
    expect(read(path.join(created.path, 'partial.txt'))).toBe('partial\n');
    expect(fs.existsSync(path.join(created.path, 'README.md'))).toBe(true);
    expect(hasBranch(repo, 'fails')).toBe(true);
  });

  test('a command killed by a signal becomes a warning naming the signal', async () => {
    const repo = quickRepo();
    git(repo, 'config', 'parallel-cc.postCreate', 'kill -TERM $$');

    const created = await createWorktree({ repoRoot: repo, branch: 'killed', base: 'main', env: nativeEnv() });

    expect(created.warnings).toEqual([`The post-create command exited with SIGTERM in ${created.path}.`]);
    expect(fs.existsSync(path.join(created.path, 'README.md'))).toBe(true);
  });

  test('nothing runs when no command is configured', async () => {
    const repo = quickRepo();
    const created = await createWorktree({ repoRoot: repo, branch: 'quiet', base: 'main', env: nativeEnv() });
    expect(created.warnings).toEqual([]);
    expect(fs.readdirSync(created.path).sort()).toEqual(['.git', 'README.md']);
  });
});
