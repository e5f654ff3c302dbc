import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeTempDir, removeTempDirs, writeFakeGtr, writeFiles } from '@parallel-cc/test-utils';
import { createWorktree, detectGtr, findOnPath, removeWorktree, worktreePathFor } from '../src';
import { parseGtrVersion } from '../src/gtr-detect';
import { cleanEnv, envWithPath, hasBranch, listedWorktrees, rejectionOf, writeScript, quickRepo } from './support';

afterAll(() => removeTempDirs());

describe('parseGtrVersion', () => {
  test('reads what the v1 and v2 stand-ins print when run', () => {
    const tools = makeTempDir();
    const v1 = writeFakeGtr(tools, 1);
    const v2 = writeFakeGtr(tools, 2);
    const env = envWithPath([v2.binDir, v1.binDir]);
    const v1Out = execFileSync('gtr', ['version'], { env, encoding: 'utf8' });
    const v2Out = execFileSync('git', ['gtr', 'version'], { env, encoding: 'utf8' });

    expect(parseGtrVersion(v1Out)).toBe('1.0.0');
    expect(parseGtrVersion(v2Out)).toBe('2.11.0');
  });

  test('reads literal outputs, with or without a v and a patch number', () => {
    expect(parseGtrVersion('git gtr version 2.11.0\n')).toBe('2.11.0');
    expect(parseGtrVersion('gtr version 1.0.0')).toBe('1.0.0');
    expect(parseGtrVersion('gtr version v1.2')).toBe('1.2');
    expect(parseGtrVersion('usage: gtr <command>')).toBeNull();
    expect(parseGtrVersion('')).toBeNull();
  });
});

describe('findOnPath', () => {
  test('finds executable files only, in PATH order', () => {
    const first = makeTempDir();
    const second = makeTempDir();
    fs.writeFileSync(path.join(first, 'tool'), 'not executable', { mode: 0o644 });
    fs.mkdirSync(path.join(first, 'dir-tool'));
    writeScript(second, 'tool', 'exit 0');
    writeScript(second, 'dir-tool', 'exit 0');
    const envPath = ['', first, second].join(path.delimiter);

    expect(findOnPath('tool', envPath)).toBe(path.join(second, 'tool'));
    expect(findOnPath('dir-tool', envPath)).toBe(path.join(second, 'dir-tool'));
    expect(findOnPath('absent', envPath)).toBeNull();
  });
});

describe('detectGtr', () => {
  test('finds nothing when neither gtr is installed', async () => {
    expect(await detectGtr(cleanEnv())).toBeNull();
  });

  test('finds v1 as `gtr`', async () => {
    const v1 = writeFakeGtr(makeTempDir(), 1);
    expect(await detectGtr(envWithPath([v1.binDir]))).toEqual({ major: 1, version: '1.0.0', command: ['gtr'] });
    expect(v1.calls()).toEqual([['version']]);
  });

  test('finds v2 as `git gtr`', async () => {
    const v2 = writeFakeGtr(makeTempDir(), 2);
    expect(await detectGtr(envWithPath([v2.binDir]))).toEqual({ major: 2, version: '2.11.0', command: ['git', 'gtr'] });
    expect(v2.calls()).toEqual([['version']]);
  });

  test('prefers v2 when both are installed, without asking v1', async () => {
    const tools = makeTempDir();
    const v1 = writeFakeGtr(tools, 1);
    const v2 = writeFakeGtr(tools, 2);
    expect((await detectGtr(envWithPath([v1.binDir, v2.binDir])))?.major).toBe(2);
    expect(v1.calls()).toEqual([]);
  });

  test('ignores a `gtr` that fails or does not print a version', async () => {
    const failing = writeScript(path.join(makeTempDir(), 'failing'), 'gtr', 'exit 3');
    const chatty = writeScript(path.join(makeTempDir(), 'chatty'), 'gtr', 'echo "Go To Regex, the tool"');
    expect(await detectGtr(envWithPath([path.dirname(failing)]))).toBeNull();
    expect(await detectGtr(envWithPath([path.dirname(chatty)]))).toBeNull();
  });
});

describe('createWorktree and removeWorktree through gtr', () => {
  test('v1: `gtr new <branch> --from <base> --yes --no-fetch`, then `gtr rm <branch> --yes`', async () => {
    const v1 = writeFakeGtr(makeTempDir(), 1);
    const env = envWithPath([v1.binDir]);
    const repo = quickRepo();

    const created = await createWorktree({ repoRoot: repo, branch: 'parallel-cc/1a2b3c4d', base: 'main', env });

    expect(created).toEqual({
      path: worktreePathFor(repo, 'parallel-cc/1a2b3c4d'),
      branch: 'parallel-cc/1a2b3c4d',
      backend: 'gtr-v1',
      copied: [],
      warnings: [],
    });
    expect(fs.existsSync(path.join(created.path, 'README.md'))).toBe(true);
    expect(v1.calls()).toEqual([['version'], ['new', 'parallel-cc/1a2b3c4d', '--from', 'main', '--yes', '--no-fetch']]);

    const removed = await removeWorktree({
      repoRoot: repo,
      worktreePath: created.path,
      branch: 'parallel-cc/1a2b3c4d',
      baseBranch: 'main',
      env,
    });

    expect(removed).toEqual({ worktree: 'removed', branch: 'deleted', reasons: [] });
    expect(v1.calls().slice(2)).toEqual([['version'], ['rm', 'parallel-cc/1a2b3c4d', '--yes']]);
    expect(fs.existsSync(created.path)).toBe(false);
    expect(hasBranch(repo, 'parallel-cc/1a2b3c4d')).toBe(false);
  });

  test('v2: `git gtr new …` with the base from the request, and `git gtr rm … --force` when forced', async () => {
    const v2 = writeFakeGtr(makeTempDir(), 2);
    const env = envWithPath([v2.binDir]);
    const repo = quickRepo();
    git(repo, 'branch', 'develop');

    const created = await createWorktree({ repoRoot: repo, branch: 'topic', base: 'develop', env });
    writeFiles(created.path, { 'scratch.txt': 'dirty\n' });
    const removed = await removeWorktree({
      repoRoot: repo,
      worktreePath: created.path,
      branch: 'topic',
      baseBranch: 'develop',
      force: true,
      env,
    });

    expect(created.backend).toBe('gtr-v2');
    expect(removed.worktree).toBe('removed');
    expect(v2.calls()).toEqual([
      ['version'],
      ['new', 'topic', '--from', 'develop', '--yes', '--no-fetch'],
      ['version'],
      ['rm', 'topic', '--yes', '--force'],
    ]);
    expect(fs.existsSync(created.path)).toBe(false);
  });

  test('v2 is used when both are installed', async () => {
    const tools = makeTempDir();
    const v1 = writeFakeGtr(tools, 1);
    const v2 = writeFakeGtr(tools, 2);
    const repo = quickRepo();

    const created = await createWorktree({ repoRoot: repo, branch: 'both', base: 'main', env: envWithPath([v1.binDir, v2.binDir]) });

    expect(created.backend).toBe('gtr-v2');
    expect(v2.calls()).toContainEqual(['new', 'both', '--from', 'main', '--yes', '--no-fetch']);
    expect(v1.calls()).toEqual([]);
  });

  test('a dirty worktree is kept without calling gtr rm', async () => {
    const v2 = writeFakeGtr(makeTempDir(), 2);
    const env = envWithPath([v2.binDir]);
    const repo = quickRepo();
    const created = await createWorktree({ repoRoot: repo, branch: 'dirty', base: 'main', env });
    writeFiles(created.path, { 'README.md': 'changed\n' });

    const removed = await removeWorktree({ repoRoot: repo, worktreePath: created.path, branch: 'dirty', baseBranch: 'main', env });

    expect(removed.worktree).toBe('kept');
    expect(v2.calls().filter((call) => call[0] === 'rm')).toEqual([]);
    expect(fs.readFileSync(path.join(created.path, 'README.md'), 'utf8')).toBe('changed\n');
  });

  test('an unmerged branch survives removal through gtr', async () => {
    const v1 = writeFakeGtr(makeTempDir(), 1);
    const env = envWithPath([v1.binDir]);
    const repo = quickRepo();
    const created = await createWorktree({ repoRoot: repo, branch: 'work', base: 'main', env });
    commitFiles(created.path, { 'w.txt': 'w\n' });

    const removed = await removeWorktree({ repoRoot: repo, worktreePath: created.path, branch: 'work', baseBranch: 'main', env });

    expect(removed).toEqual({ worktree: 'removed', branch: 'kept', reasons: ['branch work kept: 1 commit not in main'] });
    expect(hasBranch(repo, 'work')).toBe(true);
  });

  test('v1 gets .worktreeinclude files copied by us; v2 copies them itself', async () => {
    const tools = makeTempDir();
    const v1 = writeFakeGtr(tools, 1);
    const v2 = writeFakeGtr(tools, 2);
    const repo = quickRepo({ '.gitignore': '.env\n', '.worktreeinclude': '.env\n' });
    writeFiles(repo, { '.env': 'SECRET=1\n' });

    const viaV1 = await createWorktree({ repoRoot: repo, branch: 'v1-branch', base: 'main', env: envWithPath([v1.binDir]) });
    const viaV2 = await createWorktree({ repoRoot: repo, branch: 'v2-branch', base: 'main', env: envWithPath([v2.binDir]) });

    expect(viaV1.copied).toEqual(['.env']);
    expect(fs.readFileSync(path.join(viaV1.path, '.env'), 'utf8')).toBe('SECRET=1\n');
    expect(viaV2.copied).toEqual([]);
  });

  test('a configured worktrees folder reaches gtr as gtr.worktrees.dir', async () => {
    const v2 = writeFakeGtr(makeTempDir(), 2);
    const parent = makeTempDir();
    const repo = quickRepo(undefined, { parent, name: 'repo' });
    git(repo, 'config', 'parallel-cc.worktreesDir', '../custom trees');

    const created = await createWorktree({ repoRoot: repo, branch: 'feat/y', base: 'main', env: envWithPath([v2.binDir]) });

    expect(created.path).toBe(path.join(parent, 'custom trees', 'feat-y'));
    expect(fs.existsSync(path.join(parent, 'custom trees', 'feat-y', 'README.md'))).toBe(true);
    // Only for that call: the repository's own config is untouched.
    expect(() => git(repo, 'config', '--get', 'gtr.worktrees.dir')).toThrow();
  });
});

describe('choosing a backend', () => {
  test("backend 'native' (PARALLEL_CC_WORKTREE_BACKEND) skips an installed gtr", async () => {
    const tools = makeTempDir();
    const v1 = writeFakeGtr(tools, 1);
    const v2 = writeFakeGtr(tools, 2);
    const env = envWithPath([v1.binDir, v2.binDir], { PARALLEL_CC_WORKTREE_BACKEND: 'native' });
    const repo = quickRepo();

    const created = await createWorktree({ repoRoot: repo, branch: 'plain', base: 'main', env });
    const removed = await removeWorktree({ repoRoot: repo, worktreePath: created.path, branch: 'plain', baseBranch: 'main', env });

    expect(created.backend).toBe('native');
    expect(removed).toEqual({ worktree: 'removed', branch: 'deleted', reasons: [] });
    expect(v1.calls()).toEqual([]);
    expect(v2.calls()).toEqual([]);
  });

  test("backend 'native' from git config skips an installed gtr", async () => {
    const v2 = writeFakeGtr(makeTempDir(), 2);
    const repo = quickRepo();
    git(repo, 'config', 'parallel-cc.backend', 'native');

    const created = await createWorktree({ repoRoot: repo, branch: 'plain', base: 'main', env: envWithPath([v2.binDir]) });

    expect(created.backend).toBe('native');
    expect(v2.calls()).toEqual([]);
  });

  test("backend 'gtr' without gtr installed fails with GTR_FAILED and creates nothing", async () => {
    const parent = makeTempDir();
    const repo = quickRepo(undefined, { parent, name: 'repo' });

    const error = await rejectionOf(
      createWorktree({ repoRoot: repo, branch: 'needs-gtr', base: 'main', env: cleanEnv({ PARALLEL_CC_WORKTREE_BACKEND: 'gtr' }) }),
    );

    expect(error.code).toBe('GTR_FAILED');
    expect(error.message).toMatch(/neither `git gtr` nor `gtr` is installed/);
    expect(hasBranch(repo, 'needs-gtr')).toBe(false);
    expect(fs.readdirSync(parent)).toEqual(['repo']);
  });

  test('an invalid backend fails with INVALID_INPUT and creates nothing', async () => {
    const parent = makeTempDir();
    const repo = quickRepo(undefined, { parent, name: 'repo' });

    const error = await rejectionOf(
      createWorktree({ repoRoot: repo, branch: 'x', base: 'main', env: cleanEnv({ PARALLEL_CC_WORKTREE_BACKEND: 'gtr-v3' }) }),
    );

    expect(error.code).toBe('INVALID_INPUT');
    expect(hasBranch(repo, 'x')).toBe(false);
    expect(fs.readdirSync(parent)).toEqual(['repo']);
  });
});

describe('gtr failures', () => {
  test('gtr exiting non-zero becomes GTR_FAILED with its stderr', async () => {
    const v1 = writeFakeGtr(makeTempDir(), 1);
    const repo = quickRepo();
    git(repo, 'branch', 'exists');

    const error = await rejectionOf(createWorktree({ repoRoot: repo, branch: 'exists', base: 'main', env: envWithPath([v1.binDir]) }));

    expect(error.code).toBe('GTR_FAILED');
    expect(error.message).toMatch(/^gtr new failed: .*already exists/s);
    expect(error.data).toEqual({ args: ['new', 'exists', '--from', 'main', '--yes', '--no-fetch'] });
    expect(listedWorktrees(repo)).toEqual([repo]);
  });

  test('gtr claiming success without making the worktree becomes GTR_FAILED', async () => {
    const liar = path.join(makeTempDir(), 'liar');
    writeScript(liar, 'gtr', 'echo "gtr version 1.0.0"');
    const repo = quickRepo();

    const error = await rejectionOf(createWorktree({ repoRoot: repo, branch: 'ghost', base: 'main', env: envWithPath([liar]) }));

    expect(error.code).toBe('GTR_FAILED');
    expect(error.message).toBe('gtr reported success but no worktree has branch ghost.');
  });

  test('gtr rm failing keeps the worktree and its branch, with the reason', async () => {
    const dir = path.join(makeTempDir(), 'rm-fails');
    writeScript(dir, 'gtr', 'if [ "$1" = version ]; then echo "gtr version 1.0.0"; exit 0; fi\necho "cannot remove today" >&2\nexit 1');
    const repo = quickRepo();
    const worktree = path.join(makeTempDir(), 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'stays', worktree);

    const removed = await removeWorktree({
      repoRoot: repo,
      worktreePath: worktree,
      branch: 'stays',
      baseBranch: 'main',
      env: envWithPath([dir]),
    });

    expect(removed).toEqual({ worktree: 'kept', branch: 'kept', reasons: ['gtr rm failed: cannot remove today'] });
    expect(fs.existsSync(path.join(worktree, 'README.md'))).toBe(true);
    expect(hasBranch(repo, 'stays')).toBe(true);
  });
});
