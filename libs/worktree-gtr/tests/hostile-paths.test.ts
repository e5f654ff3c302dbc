import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, makeTempDir, removeTempDirs, writeFakeGtr, writeFiles } from '@parallel-cc/test-utils';
import { createWorktree, removeWorktree, resolveRepository } from '../src';
import { envWithPath, findNamed, hasBranch, nativeEnv } from './support';

// A folder name and a branch name that would run `touch pwned` if anything passed them through a shell.
const HOSTILE_NAME = `it's a "repo" $(touch pwned) \`touch pwned\``;
const HOSTILE_BRANCH = 'x$(touch${IFS}pwned)`touch${IFS}pwned`';

let parent: string;
let repo: string;

beforeAll(() => {
  parent = makeTempDir('pcc-hostile-');
  repo = makeRepo({ '.gitignore': '.env\n', '.worktreeinclude': '.env\n', 'src/a.txt': 'a\n' }, { parent, name: HOSTILE_NAME });
  writeFiles(repo, { '.env': 'KEY=1\n' });
});

afterAll(() => {
  // Checked once more after every test has run: nothing anywhere ran the payload.
  expect(findNamed(parent, 'pwned')).toEqual([]);
  expect(fs.existsSync(path.join(process.cwd(), 'pwned'))).toBe(false);
  expect(fs.existsSync(path.join(os.homedir(), 'pwned'))).toBe(false);
  removeTempDirs();
});

function expectNothingExecuted(): void {
  expect(findNamed(parent, 'pwned')).toEqual([]);
  expect(fs.existsSync(path.join(process.cwd(), 'pwned'))).toBe(false);
}

describe('quotes, spaces and $(…) in the repository folder and the branch', () => {
  test('the repository folder really has the hostile name', () => {
    expect(path.basename(repo)).toBe(HOSTILE_NAME);
    expect(fs.existsSync(path.join(repo, '.git'))).toBe(true);
  });

  test('resolveRepository works from a subfolder', async () => {
    expect(await resolveRepository(path.join(repo, 'src'))).toMatchObject({ root: repo, toplevel: repo, subdir: 'src' });
    expectNothingExecuted();
  });

  test('plain git: create (with .worktreeinclude and post-create) and remove', async () => {
    git(repo, 'config', 'parallel-cc.postCreate', 'printf "%s|%s" "$WORKTREE_PATH" "$BRANCH" > post-create.txt');
    try {
      const env = nativeEnv();
      const created = await createWorktree({ repoRoot: repo, branch: HOSTILE_BRANCH, base: 'main', env });

      expect(path.dirname(created.path)).toBe(path.join(parent, `${HOSTILE_NAME}-worktrees`));
      expect(created.copied).toEqual(['.env']);
      expect(created.warnings).toEqual([]);
      expect(fs.readFileSync(path.join(created.path, 'post-create.txt'), 'utf8')).toBe(`${created.path}|${HOSTILE_BRANCH}`);
      expect(hasBranch(repo, HOSTILE_BRANCH)).toBe(true);
      expect(await resolveRepository(path.join(created.path, 'src'))).toMatchObject({
        root: repo,
        toplevel: created.path,
        subdir: 'src',
      });
      fs.rmSync(path.join(created.path, 'post-create.txt'));
      commitFiles(created.path, { 'work.txt': 'w\n' });

      const removed = await removeWorktree({ repoRoot: repo, worktreePath: created.path, branch: HOSTILE_BRANCH, baseBranch: 'main', env });

      expect(removed).toEqual({
        worktree: 'removed',
        branch: 'kept',
        reasons: [`branch ${HOSTILE_BRANCH} kept: 1 commit not in main`],
      });
      expect(fs.existsSync(created.path)).toBe(false);
      git(repo, 'branch', '-D', HOSTILE_BRANCH);
    } finally {
      git(repo, 'config', '--unset', 'parallel-cc.postCreate');
    }
    expectNothingExecuted();
  });

  test.each([1, 2] as const)('gtr v%s: create and remove', async (major) => {
    const fake = writeFakeGtr(makeTempDir(), major);
    const env = envWithPath([fake.binDir]);
    const branch = `${HOSTILE_BRANCH}-v${major}`;

    const created = await createWorktree({ repoRoot: repo, branch, base: 'main', env });

    expect(created.backend).toBe(`gtr-v${major}`);
    expect(fs.existsSync(path.join(created.path, 'src', 'a.txt'))).toBe(true);
    expect(fake.calls()).toContainEqual(['new', branch, '--from', 'main', '--yes', '--no-fetch']);

    const removed = await removeWorktree({ repoRoot: repo, worktreePath: created.path, branch, baseBranch: 'main', env });

    expect(removed).toEqual({ worktree: 'removed', branch: 'deleted', reasons: [] });
    expect(fake.calls()).toContainEqual(['rm', branch, '--yes']);
    expect(fs.existsSync(created.path)).toBe(false);
    expect(hasBranch(repo, branch)).toBe(false);
    expectNothingExecuted();
  });
});
