import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, makeRepo, makeTempDir, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { cleanupSessions, openCoordinator, planCleanup, registerSession, releaseSession, runAgentSession, sessionStatus } from '../src';
import type { Coordinator } from '../src';
import { cleanHome, hasBranch, listedWorktrees, liveProcess, sessionRow, sessionRows, stopLiveProcesses } from './support';

// Anything that reached a shell would create one of these files.
const NAME = `it's a "repo" $(touch $PCC_PWNED) \`touch pwned-backtick\` ; touch pwned-semicolon & echo`;

let home: TempHome;
let coordinator: Coordinator;
let parent: string;
let pwned: string;
const savedPwned = process.env.PCC_PWNED;

beforeAll(async () => {
  home = cleanHome();
  coordinator = await openCoordinator({ env: home.env });
  parent = makeTempDir('pcc-special-');
  pwned = path.join(makeTempDir('pcc-canary-'), 'pwned');
  // Set for this process too: the git processes it starts inherit it.
  process.env.PCC_PWNED = pwned;
  home.env.PCC_PWNED = pwned;
});

afterAll(async () => {
  if (savedPwned === undefined) delete process.env.PCC_PWNED;
  else process.env.PCC_PWNED = savedPwned;
  await coordinator.close();
  await stopLiveProcesses();
  removeTempDirs();
});

function filesNamed(root: string, names: string[]): string[] {
  return (fs.readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).filter((rel) => names.includes(path.basename(rel)));
}

function expectNothingExecuted(): void {
  expect(fs.existsSync(pwned)).toBe(false);
  expect(filesNamed(parent, ['pwned', 'pwned-backtick', 'pwned-semicolon'])).toEqual([]);
  expect(fs.readdirSync(process.cwd()).filter((f) => f.startsWith('pwned'))).toEqual([]);
}

describe('a repository folder named with spaces, quotes and shell syntax', () => {
  it('registers, releases and cleans up sessions there, and runs nothing', async () => {
    const repo = makeRepo({ 'README.md': '# special\n' }, { parent, name: NAME });
    expect(path.basename(repo)).toBe(NAME);
    const register = (pid: number) => registerSession(coordinator, { repo, pid, env: home.env });

    const main = await register(liveProcess().pid);
    expect(main).toMatchObject({ isMainRepo: true, repoPath: repo });

    const clean = await register(liveProcess().pid);
    expect(path.dirname(clean.worktreePath)).toBe(path.join(parent, `${NAME}-worktrees`));
    expect(clean.worktreeName).toBe(path.basename(clean.worktreePath));
    expect(fs.existsSync(path.join(clean.worktreePath, 'README.md'))).toBe(true);
    expect(listedWorktrees(repo)).toContain(clean.worktreePath);

    const committed = await register(liveProcess().pid);
    commitFiles(committed.worktreePath, { 'work.txt': 'w\n' });
    const dirtyProcess = liveProcess();
    const dirty = await register(dirtyProcess.pid);
    writeFiles(dirty.worktreePath, { 'draft "1".txt': 'd\n' });

    expect((await sessionStatus(coordinator, { repoRoot: repo })).totalSessions).toBe(4);

    const [released] = await releaseSession(coordinator, { sessionId: clean.sessionId }, { env: home.env });
    expect(released).toMatchObject({ status: 'done', worktree: 'removed', branchOutcome: 'deleted' });
    expect(fs.existsSync(clean.worktreePath)).toBe(false);

    const [kept] = await releaseSession(coordinator, { sessionId: committed.sessionId }, { env: home.env });
    expect(kept).toMatchObject({ status: 'done', worktree: 'removed', branchOutcome: 'kept' });
    expect(hasBranch(repo, committed.branch)).toBe(true);

    await dirtyProcess.kill();
    const [plan] = await planCleanup(coordinator, { repo });
    expect(plan).toMatchObject({ sessionId: dirty.sessionId, status: 'would-keep', reasons: ['worktree has 1 untracked file'] });
    const [cleaned] = await cleanupSessions(coordinator, { repo, env: home.env });
    expect(cleaned).toMatchObject({ sessionId: dirty.sessionId, status: 'kept' });
    expect(fs.existsSync(path.join(dirty.worktreePath, 'draft "1".txt'))).toBe(true);
    const [forced] = await cleanupSessions(coordinator, { repo, force: true, env: home.env });
    expect(forced).toMatchObject({ sessionId: dirty.sessionId, status: 'done', worktree: 'removed' });
    expect(sessionRow(coordinator, dirty.sessionId)).toBeUndefined();

    const cwdFile = path.join(makeTempDir(), 'cwd.txt');
    const agent = await runAgentSession(coordinator, {
      repo,
      command: process.execPath,
      args: ['-e', "require('fs').writeFileSync(process.argv[1], process.cwd())", cwdFile],
      env: home.env,
    });
    expect(agent.exitCode).toBe(0);
    expect(fs.readFileSync(cwdFile, 'utf8')).toBe(agent.registration.worktreePath);
    expect(path.dirname(agent.registration.worktreePath)).toBe(path.join(parent, `${NAME}-worktrees`));
    expect(agent.release).toEqual([expect.objectContaining({ status: 'done', worktree: 'removed' })]);

    expect(sessionRows(coordinator).map((r) => r.id)).toEqual([main.sessionId]);
    expect(listedWorktrees(repo)).toEqual([repo]);
    expectNothingExecuted();
  });

  it('would have been caught: a shell command with the path interpolated runs the embedded commands', () => {
    const dir = makeTempDir('pcc-shell-');
    const canary = path.join(dir, 'pwned');
    // The classic mistake: a command string with the path in double quotes.
    execFileSync('sh', ['-c', `ls "${path.join(dir, NAME)}" || true`], { cwd: dir, env: { ...process.env, PCC_PWNED: canary }, stdio: 'ignore' });
    expect(fs.existsSync(canary)).toBe(true);
    expect(filesNamed(dir, ['pwned-backtick'])).toEqual(['pwned-backtick']);
  });
});
