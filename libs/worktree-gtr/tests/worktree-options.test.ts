import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { createWorktree, runSetup, WorktreeError } from '../src';

afterAll(() => removeTempDirs());

describe('createWorktree for a folder inside the checkout, sparse', () => {
  it('checks out only the sparse folders and the top-level files, and keeps the folder out of the checkout\'s status', async () => {
    const repo = makeRepo({ 'top.txt': 't\n', 'app/a.ts': 'a\n', 'lib/b.ts': 'b\n' });
    const folder = path.join(repo, '.claude', 'worktrees', 'sparse');
    const made = await createWorktree({ repoRoot: repo, branch: 'worktree-sparse', base: 'main', folder, sparsePaths: ['./app/'] });
    expect(made.path).toBe(folder);
    expect(fs.existsSync(path.join(folder, 'top.txt'))).toBe(true);
    expect(fs.existsSync(path.join(folder, 'app', 'a.ts'))).toBe(true);
    expect(fs.existsSync(path.join(folder, 'lib'))).toBe(false);
    expect(git(folder, 'status', '--porcelain')).toBe('');
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(fs.readFileSync(path.join(repo, '.git', 'info', 'exclude'), 'utf8')).toContain('/.claude/worktrees/\n');
  });

  it('refuses a sparse path leading out of the checkout before making anything', async () => {
    const repo = makeRepo();
    const folder = path.join(repo, '.claude', 'worktrees', 'out');
    const attempt = createWorktree({ repoRoot: repo, branch: 'worktree-out', base: 'main', folder, sparsePaths: ['../elsewhere'] });
    await expect(attempt).rejects.toThrow(WorktreeError);
    await expect(attempt).rejects.toThrow(/The sparse path "\.\.\/elsewhere" is not valid/);
    expect(fs.existsSync(folder)).toBe(false);
    expect(git(repo, 'branch', '--list', 'worktree-out')).toBe('');
  });
});

describe('runSetup', () => {
  const run = (command: string, timeoutMs = 30_000) => {
    const dir = makeTempDir('pcc-setup-');
    const progress: string[] = [];
    const logFile = path.join(dir, 'logs', 'session.log');
    const result = runSetup({ command, worktreePath: dir, env: { ...process.env, PORT: '4100' }, logFile, timeoutMs, progress: { write: (t: string) => progress.push(t) } });
    return { dir, logFile, progress, result };
  };

  it('runs the command in the worktree with its environment, output to the log and progress to the terminal', async () => {
    const { dir, logFile, progress, result } = run('echo "port $PORT" > made.txt && echo hello');
    expect(await result).toMatchObject({ status: 'done', exitCode: 0, logFile });
    expect(fs.readFileSync(path.join(dir, 'made.txt'), 'utf8')).toBe('port 4100\n');
    expect(fs.readFileSync(logFile, 'utf8')).toMatch(/== setup .*\nhello\n== setup done \(exit 0\)/);
    expect(progress.join('')).toMatch(/running setup in .*\n.*setup done in/);
  });

  it('says how it failed, and kills a command past its timeout with its whole process group', async () => {
    expect(await run('exit 3').result).toMatchObject({ status: 'failed', exitCode: 3 });
    const slow = run('sleep 30 & sleep 30', 300);
    expect(await slow.result).toMatchObject({ status: 'timed-out' });
    expect(slow.progress.join('')).toContain('setup timed out');
  });
});
