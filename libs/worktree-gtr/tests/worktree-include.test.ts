import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import { createWorktree } from '../src';
import { WORKTREE_INCLUDE_FILE, copyWorktreeIncludes } from '../src/worktree-include';
import { nativeEnv, quickRepo } from './support';

afterAll(() => removeTempDirs());

const exists = (...parts: string[]): boolean => fs.existsSync(path.join(...parts));

/** A repository whose main checkout holds ignored files, some named in `.worktreeinclude`. */
function repoWithIgnoredFiles(include: string | null): string {
  const files: Record<string, string> = {
    '.gitignore': '.env\n.env.*\nsecrets/\nnode_modules/\n*.log\nlocal.json\n',
    'README.md': '# app\n',
  };
  if (include !== null) files[WORKTREE_INCLUDE_FILE] = include;
  const repo = quickRepo(files);
  writeFiles(repo, {
    '.env': 'API_KEY=123\n',
    '.env.example.local': 'not listed\n',
    'secrets/key.pem': 'PRIVATE\n',
    'secrets/nested/more.txt': 'more\n',
    'node_modules/dep/index.js': 'module.exports = 1;\n',
    'debug.log': 'noise\n',
    'config/local.json': '{"port": 1}\n',
    'untracked-but-not-ignored.txt': 'u\n',
  });
  return repo;
}

describe('.worktreeinclude', () => {
  test('copies the ignored files it lists into a new worktree, and nothing else', async () => {
    const repo = repoWithIgnoredFiles('# files every worktree needs\n.env\nsecrets/\nconfig/local.json\n');

    const created = await createWorktree({ repoRoot: repo, branch: 'with-env', base: 'main', env: nativeEnv() });

    expect(created.copied.sort()).toEqual(['.env', 'config/local.json', 'secrets']);
    expect(fs.readFileSync(path.join(created.path, '.env'), 'utf8')).toBe('API_KEY=123\n');
    expect(fs.readFileSync(path.join(created.path, 'secrets', 'key.pem'), 'utf8')).toBe('PRIVATE\n');
    expect(fs.readFileSync(path.join(created.path, 'secrets', 'nested', 'more.txt'), 'utf8')).toBe('more\n');
    expect(fs.readFileSync(path.join(created.path, 'config', 'local.json'), 'utf8')).toBe('{"port": 1}\n');
    // Ignored but not listed, or not ignored at all: not copied.
    expect(exists(created.path, '.env.example.local')).toBe(false);
    expect(exists(created.path, 'node_modules')).toBe(false);
    expect(exists(created.path, 'debug.log')).toBe(false);
    expect(exists(created.path, 'untracked-but-not-ignored.txt')).toBe(false);
    // The originals stay where they were.
    expect(exists(repo, '.env')).toBe(true);
    expect(exists(repo, 'secrets', 'key.pem')).toBe(true);
  });

  test('understands gitignore patterns: globs and negation', async () => {
    const repo = repoWithIgnoredFiles('.env*\n!.env.example.local\n*.log\n');

    const created = await createWorktree({ repoRoot: repo, branch: 'globs', base: 'main', env: nativeEnv() });

    expect(created.copied.sort()).toEqual(['.env', 'debug.log']);
    expect(exists(created.path, '.env')).toBe(true);
    expect(exists(created.path, 'debug.log')).toBe(true);
    expect(exists(created.path, '.env.example.local')).toBe(false);
    expect(exists(created.path, 'secrets')).toBe(false);
  });

  test('copies a listed file from inside a folder that is ignored as a whole', async () => {
    const repo = quickRepo({
      '.gitignore': '.claude/\n',
      [WORKTREE_INCLUDE_FILE]: '.claude/settings.local.json\n',
    });
    writeFiles(repo, { '.claude/settings.local.json': '{"mine": true}\n', '.claude/cache/big.bin': 'x\n' });

    const created = await createWorktree({ repoRoot: repo, branch: 'claude-dir', base: 'main', env: nativeEnv() });

    expect(created.copied).toEqual(['.claude/settings.local.json']);
    expect(fs.readFileSync(path.join(created.path, '.claude', 'settings.local.json'), 'utf8')).toBe('{"mine": true}\n');
    expect(exists(created.path, '.claude', 'cache')).toBe(false);
  });

  test('copies nothing when there is no .worktreeinclude', async () => {
    const repo = repoWithIgnoredFiles(null);

    const created = await createWorktree({ repoRoot: repo, branch: 'bare-tree', base: 'main', env: nativeEnv() });

    expect(created.copied).toEqual([]);
    expect(exists(created.path, '.env')).toBe(false);
    expect(fs.readdirSync(created.path).sort()).toEqual(['.git', '.gitignore', 'README.md']);
  });

  test('never overwrites a file that is already in the worktree', async () => {
    const repo = repoWithIgnoredFiles('.env\n*.log\n');
    const target = makeTempDir('pcc-target-');
    fs.writeFileSync(path.join(target, '.env'), 'API_KEY=mine\n');

    const copied = await copyWorktreeIncludes(repo, target);

    expect(copied).toEqual(['debug.log']);
    expect(fs.readFileSync(path.join(target, '.env'), 'utf8')).toBe('API_KEY=mine\n');
    expect(fs.readFileSync(path.join(target, 'debug.log'), 'utf8')).toBe('noise\n');
  });

  test('copies a symlink as a symlink', async () => {
    const repo = repoWithIgnoredFiles('.env\nlocal.json\n');
    fs.rmSync(path.join(repo, '.env'));
    fs.symlinkSync('config/local.json', path.join(repo, '.env'));
    const target = makeTempDir('pcc-target-');

    await copyWorktreeIncludes(repo, target);

    expect(fs.readlinkSync(path.join(target, '.env'))).toBe('config/local.json');
  });
});

describe("Claude Code's local settings", () => {
  it('are copied into each new worktree, so local hooks run there too', async () => {
    const repo = quickRepo();
    writeFiles(repo, { '.claude/settings.local.json': '{"hooks": {}}\n' });
    const created = await createWorktree({ repoRoot: repo, branch: 'parallel-cc/localset', base: 'main', env: nativeEnv() });
    expect(created.copied).toContain(path.join('.claude', 'settings.local.json'));
    expect(fs.readFileSync(path.join(created.path, '.claude', 'settings.local.json'), 'utf8')).toBe('{"hooks": {}}\n');
  });
});
