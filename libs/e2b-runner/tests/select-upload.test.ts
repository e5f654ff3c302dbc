import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, makeTempDir, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import { selectUpload } from '../src';
import { credentialRepo, rejectionOf } from './support';

afterAll(() => removeTempDirs());

describe('selectUpload', () => {
  test('uploads what git sees, minus credentials and .e2bignore matches, each exclusion with its reason', async () => {
    const repo = credentialRepo();
    const selection = await selectUpload(repo);
    expect(selection.files).toEqual(['.e2bignore', '.env.example', '.gitignore', 'README.md', 'notes.md', 'sp ace/quote\'s "file".txt', 'src/index.ts']);
    expect(selection.excluded).toEqual([
      { path: '.aws/credentials', reason: 'AWS credentials (.aws/credentials)' },
      { path: '.env', reason: 'environment file (.env*): usually holds secrets' },
      { path: '.npmrc', reason: 'npm configuration (.npmrc): always excluded because it commonly holds registry tokens' },
      { path: 'certs/server.pem', reason: 'private key or certificate (*.pem)' },
      { path: 'config/.env.production', reason: 'environment file (.env*): usually holds secrets' },
      { path: 'db/dev.sqlite', reason: 'matched .e2bignore rule "*.sqlite"' },
      { path: 'id_rsa', reason: 'SSH key (id_rsa)' },
      { path: 'private-data/customers.csv', reason: 'matched .e2bignore rule "private-data/"' },
    ]);
  });

  test('works in a linked worktree, without an .e2bignore, and leaves out submodules and nested repositories with a reason', async () => {
    const repo = makeRepo({ 'README.md': '# r\n' });
    const head = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'update-index', '--add', '--cacheinfo', `160000,${head},vendor/lib`);
    fs.mkdirSync(path.join(repo, 'vendor/lib'), { recursive: true });
    commitFiles(repo, { 'a.txt': 'a\n' }, 'with a submodule');
    const nested = path.join(repo, 'nested');
    fs.mkdirSync(nested);
    git(nested, 'init', '-q');
    writeFiles(nested, { 'inner.txt': 'x' });
    expect(await selectUpload(repo)).toEqual({
      files: ['README.md', 'a.txt'],
      excluded: [
        { path: 'nested/', reason: expect.stringMatching(/^nested git repository: not uploaded/) },
        { path: 'vendor/lib', reason: expect.stringMatching(/^submodule: not uploaded/) },
      ],
    });

    const worktree = path.join(makeTempDir('pcc-wt-'), 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'feature', worktree);
    writeFiles(worktree, { 'new.ts': 'x', '.env.local': 'SECRET=1' });
    const inWorktree = await selectUpload(worktree);
    expect(inWorktree.files).toEqual(['README.md', 'a.txt', 'new.ts']);
    expect(inWorktree.excluded.map((e) => e.path)).toEqual(['.env.local', 'vendor/lib']);
  });

  test('a merge conflict lists a file once', async () => {
    const repo = makeRepo({ 'f.txt': 'base\n' });
    git(repo, 'checkout', '-q', '-b', 'other');
    commitFiles(repo, { 'f.txt': 'other\n' });
    git(repo, 'checkout', '-q', 'main');
    commitFiles(repo, { 'f.txt': 'main\n' });
    expect(() => git(repo, 'merge', '-q', 'other')).toThrow();
    expect((await selectUpload(repo)).files).toEqual(['f.txt']);
  });

  test('refuses a folder that is not a checkout, or not its top folder', async () => {
    const plain = makeTempDir('pcc-plain-');
    expect(await rejectionOf(selectUpload(plain))).toMatchObject({ code: 'NOT_A_REPOSITORY' });
    expect(await rejectionOf(selectUpload(path.join(plain, 'missing')))).toMatchObject({ code: 'NOT_A_REPOSITORY', message: expect.stringContaining('does not exist') });
    const repo = makeRepo({ 'src/a.ts': 'x' });
    expect(await rejectionOf(selectUpload(path.join(repo, 'src')))).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining("give the checkout's top folder") });
  });
});
