import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { attachClaudeSession, createClaudeWorktree, registerSession, removeClaudeWorktree } from '../src';
import type { ClaudeWorktreeOptions, Coordinator } from '../src';
import { gitRaw, hasBranch, listedWorktrees, liveProcess, localBranches, openFresh, sessionErrorOf, sessionRows, stopLiveProcesses } from './support';

let home: TempHome;
let coordinator: Coordinator;

beforeEach(async () => {
  ({ home, coordinator } = await openFresh());
});
afterEach(async () => {
  await coordinator.close();
  await stopLiveProcesses();
});
afterAll(() => removeTempDirs());

const create = (repo: string, name: string, extra: Partial<ClaudeWorktreeOptions> = {}) =>
  createClaudeWorktree(coordinator, { cwd: repo, name, claudeSessionId: 'claude-1', pid: liveProcess().pid, env: home.env, ...extra });
const worktreesDir = (repo: string) => `${repo}-worktrees`;
const writeSettings = (file: string, worktree: Record<string, unknown>) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ worktree }));
};

describe('createClaudeWorktree', () => {
  it('makes worktree NAME on branch worktree-NAME and registers a claude-worktree session with Claude\'s id', async () => {
    const repo = makeRepo();
    const made = await create(repo, 'feat-x');
    expect(made).toMatchObject({ worktreePath: path.join(worktreesDir(repo), 'feat-x'), branch: 'worktree-feat-x', origin: 'claude-worktree', parentSessionId: null, reused: false });
    expect(listedWorktrees(repo)).toContain(made.worktreePath);
    expect(gitRaw(made.worktreePath, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('worktree-feat-x');
    expect(sessionRows(coordinator)).toEqual([
      expect.objectContaining({ id: made.sessionId, status: 'active', origin: 'claude-worktree', claude_session_id: 'claude-1', worktree_name: 'feat-x', branch: 'worktree-feat-x', base_branch: 'main' }),
    ]);
  });

  it('puts the worktree in Claude\'s folder when parallel-cc.worktreesDir is .claude/worktrees', async () => {
    const repo = makeRepo();
    git(repo, 'config', 'parallel-cc.worktreesDir', '.claude/worktrees');
    const made = await create(repo, 'feat-x');
    expect(made.worktreePath).toBe(path.join(repo, '.claude', 'worktrees', 'feat-x'));
    expect(listedWorktrees(repo)).toContain(made.worktreePath);
    // The main checkout's status does not list the worktrees inside it, and says so once.
    expect(gitRaw(repo, 'status', '--porcelain')).toBe('');
    await create(repo, 'feat-y');
    expect(fs.readFileSync(path.join(repo, '.git', 'info', 'exclude'), 'utf8').match(/^\/\.claude\/worktrees\/$/gm)).toHaveLength(1);
  });

  it('takes branch worktree-NAME-2 when another worktree has worktree-NAME checked out', async () => {
    const repo = makeRepo();
    git(repo, 'worktree', 'add', '-q', '-b', 'worktree-feat', path.join(path.dirname(repo), 'elsewhere'));
    git(repo, 'branch', 'worktree-feat-2');
    const made = await create(repo, 'feat');
    expect(made.branch).toBe('worktree-feat-3');
    expect(made.worktreePath).toBe(path.join(worktreesDir(repo), 'feat'));
  });

  it("leaves a user's own worktree-NAME with nothing of its own alone: a new branch beside it, and releasing never deletes it", async () => {
    const repo = makeRepo();
    git(repo, 'branch', 'worktree-foo');
    git(repo, 'config', 'branch.worktree-foo.description', 'mine');
    const made = await create(repo, 'foo');
    expect(made.branch).toBe('worktree-foo-2');
    expect(await removeClaudeWorktree(coordinator, { worktreePath: made.worktreePath, claudeSessionId: 'claude-1', env: home.env })).toMatchObject({ worktree: 'removed' });
    expect(hasBranch(repo, 'worktree-foo')).toBe(true);
    expect(git(repo, 'config', 'branch.worktree-foo.description')).toBe('mine');
  });

  it('resumes on branch worktree-NAME, commits and all, after Claude removed its worktree', async () => {
    const repo = makeRepo();
    const first = await create(repo, 'feat');
    commitFiles(first.worktreePath, { 'done.txt': 'first session\n' });
    // WorktreeRemove: the clean worktree goes, the branch stays (its commit is not integrated).
    expect(await removeClaudeWorktree(coordinator, { worktreePath: first.worktreePath, env: home.env })).toMatchObject({ worktree: 'removed', branchOutcome: 'kept' });
    const again = await create(repo, 'feat');
    expect(again).toMatchObject({ branch: 'worktree-feat', worktreePath: first.worktreePath, reused: false });
    expect(fs.readFileSync(path.join(again.worktreePath, 'done.txt'), 'utf8')).toBe('first session\n');
    expect(localBranches(repo)).not.toContain('worktree-feat-2');
  });

  it('checks out only worktree.sparsePaths (and the top-level files) when they are set', async () => {
    const repo = makeRepo({ 'top.txt': 't\n', 'packages/app/a.ts': 'a\n', 'packages/lib/b.ts': 'b\n', 'docs/c.md': 'c\n' });
    writeSettings(path.join(repo, '.claude', 'settings.json'), { sparsePaths: ['packages/app'] });
    const made = await create(repo, 'sparse');
    expect(fs.existsSync(path.join(made.worktreePath, 'top.txt'))).toBe(true);
    expect(fs.existsSync(path.join(made.worktreePath, 'packages', 'app', 'a.ts'))).toBe(true);
    expect(fs.existsSync(path.join(made.worktreePath, 'packages', 'lib'))).toBe(false);
    expect(fs.existsSync(path.join(made.worktreePath, 'docs'))).toBe(false);
    expect(made.warnings).toEqual([]);
    // The main checkout keeps every file: the sparse patterns are the worktree's own.
    expect(fs.existsSync(path.join(repo, 'docs', 'c.md'))).toBe(true);
    expect(gitRaw(made.worktreePath, 'status', '--porcelain')).toBe('');
  });

  it('refuses a sparse path leading out of the checkout, and leaves nothing behind', async () => {
    const repo = makeRepo();
    writeSettings(path.join(repo, '.claude', 'settings.local.json'), { sparsePaths: ['../out'] });
    await expect(create(repo, 'sparse')).rejects.toThrow(/The sparse path "\.\.\/out" is not valid/);
    expect(sessionRows(coordinator)).toEqual([]);
    expect(localBranches(repo)).toEqual(['main']);
    expect(fs.existsSync(path.join(worktreesDir(repo), 'sparse'))).toBe(false);
  });

  it('resumes in the worktree of a session that is gone: same worktree, same branch, the new session registered there', async () => {
    const repo = makeRepo();
    const first = liveProcess();
    const before = await create(repo, 'feat', { pid: first.pid });
    fs.writeFileSync(path.join(before.worktreePath, 'work.txt'), 'unsaved\n');
    await first.kill();
    const second = liveProcess();
    const after = await create(repo, 'feat', { pid: second.pid, claudeSessionId: 'claude-2' });
    expect(after).toMatchObject({ worktreePath: before.worktreePath, branch: before.branch, reused: true });
    expect(fs.readFileSync(path.join(after.worktreePath, 'work.txt'), 'utf8')).toBe('unsaved\n');
    const rows = sessionRows(coordinator);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ pid: second.pid, claude_session_id: 'claude-2', status: 'active', worktree_path: before.worktreePath });
  });

  it('resumes in a clean worktree of a dead session on its branch, commits and all (cleanup leaves NAME alone)', async () => {
    const repo = makeRepo();
    const first = liveProcess();
    const before = await create(repo, 'feat', { pid: first.pid });
    const tip = commitFiles(before.worktreePath, { 'done.txt': 'done\n' });
    await first.kill();
    const after = await create(repo, 'feat');
    expect(after).toMatchObject({ worktreePath: before.worktreePath, branch: 'worktree-feat', reused: true });
    expect(gitRaw(after.worktreePath, 'rev-parse', 'HEAD').trim()).toBe(tip);
  });

  it('resumes in an existing worktree no session knows of', async () => {
    const repo = makeRepo();
    const folder = path.join(worktreesDir(repo), 'feat');
    git(repo, 'worktree', 'add', '-q', '-b', 'worktree-feat', folder);
    const made = await create(repo, 'feat');
    expect(made).toMatchObject({ worktreePath: folder, branch: 'worktree-feat', reused: true });
    expect(sessionRows(coordinator)).toEqual([expect.objectContaining({ worktree_path: folder, status: 'active' })]);
  });

  it('refuses a worktree held by a live session, naming it, and changes nothing', async () => {
    const repo = makeRepo();
    const holder = liveProcess();
    const held = await create(repo, 'feat', { pid: holder.pid });
    const error = await sessionErrorOf(create(repo, 'feat'));
    expect(error.code).toBe('WORKTREE_HELD');
    expect(error.message).toContain(held.sessionId.slice(0, 8));
    expect(error.message).toContain(`PID ${holder.pid}`);
    expect(sessionRows(coordinator).map((r) => [r.id, r.pid])).toEqual([[held.sessionId, holder.pid]]);
  });

  it.each([
    ['../x', 'contains "/"'],
    ['-x', 'starts with "-"'],
    ['x'.repeat(300), '300 characters'],
    ['a\u0001b', 'contains "\\u0001"'],
    ['a/b', 'contains "/"'],
    ['', 'empty'],
    ['x.lock', '.lock'],
    ['.x', 'starts with "."'],
    ['a..b', '".."'],
    ['a b', 'contains " "'],
  ])('refuses the name %j and leaves nothing behind', async (name, why) => {
    const repo = makeRepo();
    const error = await sessionErrorOf(create(repo, name));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(why);
    expect(error.message.split('\n')).toHaveLength(1);
    expect(sessionRows(coordinator)).toEqual([]);
    expect(localBranches(repo)).toEqual(['main']);
    expect(fs.existsSync(worktreesDir(repo))).toBe(false);
  });

  it('refuses a folder NAME that is not a worktree, and leaves nothing behind', async () => {
    const repo = makeRepo();
    fs.mkdirSync(path.join(worktreesDir(repo), 'feat'), { recursive: true });
    await expect(create(repo, 'feat')).rejects.toThrow(/exists and is not a worktree/);
    expect(sessionRows(coordinator)).toEqual([]);
    expect(localBranches(repo)).toEqual(['main']);
  });

  it('refuses a cwd outside any repository', async () => {
    const outside = makeTempDir('pcc-outside-');
    await expect(create(outside, 'feat')).rejects.toThrow(/is not inside a git repository/);
    expect(sessionRows(coordinator)).toEqual([]);
  });

  it('gives NAME to exactly one of two requests at once', async () => {
    const repo = makeRepo();
    const outcomes = await Promise.allSettled([create(repo, 'feat'), create(repo, 'feat')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason.code).toBe('WORKTREE_HELD');
    expect(sessionRows(coordinator)).toHaveLength(1);
    expect(listedWorktrees(repo)).toHaveLength(2);
  });

  it('links a worktree made for a live session\'s Claude session id to that session as a subagent', async () => {
    const repo = makeRepo();
    const parent = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
    await attachClaudeSession(coordinator, parent.sessionId, 'claude-parent');
    const made = await create(repo, 'agent-a1', { claudeSessionId: 'claude-parent' });
    expect(made).toMatchObject({ origin: 'subagent', parentSessionId: parent.sessionId });
    expect(sessionRows(coordinator).find((r) => r.id === made.sessionId)?.origin).toBe('subagent');
  });

  it('starts from HEAD of the session\'s checkout when worktree.baseRef is head', async () => {
    const repo = makeRepo();
    const side = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env, placement: 'worktree' });
    const tip = commitFiles(side.worktreePath, { 'side.txt': 'side\n' });
    writeSettings(path.join(repo, '.claude', 'settings.local.json'), { baseRef: 'head' });
    const made = await create(side.worktreePath, 'from-head');
    expect(gitRaw(made.worktreePath, 'rev-parse', 'HEAD').trim()).toBe(tip);
  });

  it('starts from the fetched remote default branch when worktree.baseRef is fresh (a later file winning)', async () => {
    const upstream = makeRepo();
    const clone = path.join(makeTempDir('pcc-clone-'), 'clone');
    git(path.dirname(clone), 'clone', '-q', upstream, clone);
    const tip = commitFiles(upstream, { 'new.txt': 'new\n' });
    writeSettings(path.join(home.home, '.claude', 'settings.json'), { baseRef: 'head' });
    writeSettings(path.join(clone, '.claude', 'settings.json'), { baseRef: 'fresh' });
    const made = await create(clone, 'fresh-one');
    expect(gitRaw(made.worktreePath, 'rev-parse', 'HEAD').trim()).toBe(tip);
  });

  it('copies .worktreeinclude files and runs our postCreate hook in the new worktree', async () => {
    const repo = makeRepo({ '.gitignore': '.env\n', '.worktreeinclude': '.env\n' });
    fs.writeFileSync(path.join(repo, '.env'), 'SECRET=1\n');
    git(repo, 'config', 'parallel-cc.postCreate', 'touch post-created');
    const made = await create(repo, 'included');
    expect(fs.readFileSync(path.join(made.worktreePath, '.env'), 'utf8')).toBe('SECRET=1\n');
    expect(fs.existsSync(path.join(made.worktreePath, 'post-created'))).toBe(true);
  });

  it('symlinks worktree.symlinkDirectories from the main checkout', async () => {
    const repo = makeRepo({ '.gitignore': 'node_modules/\n' });
    fs.mkdirSync(path.join(repo, 'node_modules', 'dep'), { recursive: true });
    writeSettings(path.join(repo, '.claude', 'settings.json'), { symlinkDirectories: ['node_modules', '../escape'] });
    const made = await create(repo, 'linked');
    expect(fs.realpathSync(path.join(made.worktreePath, 'node_modules'))).toBe(fs.realpathSync(path.join(repo, 'node_modules')));
    expect(made.warnings.join('\n')).toContain('"../escape" is not a folder inside the checkout');
  });
});

describe('removeClaudeWorktree', () => {
  it('removes a clean worktree and its empty branch, and releases the session', async () => {
    const repo = makeRepo();
    const made = await create(repo, 'feat');
    const result = await removeClaudeWorktree(coordinator, { worktreePath: made.worktreePath, env: home.env });
    expect(result).toMatchObject({ status: 'done', worktree: 'removed', branchOutcome: 'deleted' });
    expect(fs.existsSync(made.worktreePath)).toBe(false);
    expect(hasBranch(repo, made.branch)).toBe(false);
    expect(sessionRows(coordinator)).toEqual([]);
  });

  it('keeps a worktree with changes and says why', async () => {
    const repo = makeRepo();
    const made = await create(repo, 'feat');
    fs.writeFileSync(path.join(made.worktreePath, 'work.txt'), 'unsaved\n');
    const result = await removeClaudeWorktree(coordinator, { worktreePath: made.worktreePath, env: home.env });
    expect(result).toMatchObject({ status: 'kept', worktree: 'kept' });
    expect('reasons' in result ? result.reasons.join(' ') : result.skipped).toMatch(/untracked|uncommitted/);
    expect(fs.existsSync(path.join(made.worktreePath, 'work.txt'))).toBe(true);
    expect(hasBranch(repo, made.branch)).toBe(true);
    expect(sessionRows(coordinator)).toEqual([expect.objectContaining({ status: 'kept' })]);
  });

  it('says why it leaves alone a folder where no session is registered', async () => {
    const none = makeTempDir('pcc-none-');
    expect(await removeClaudeWorktree(coordinator, { worktreePath: none, env: home.env })).toEqual({ skipped: `no session is registered at ${none}` });
  });

  it('never touches the main checkout, a worktree the wrapper made, nor one a live agent of another Claude session works in', async () => {
    const repo = makeRepo();
    const holder = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
    const wrapped = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
    const theirs = await create(repo, 'theirs', { claudeSessionId: 'claude-2' });
    const before = sessionRows(coordinator);

    const main = await removeClaudeWorktree(coordinator, { worktreePath: repo, claudeSessionId: 'claude-1', env: home.env });
    expect(main).toEqual({ skipped: expect.stringContaining(`is the main checkout (session ${holder.sessionId.slice(0, 8)}), which is never removed`) });
    const wrapper = await removeClaudeWorktree(coordinator, { worktreePath: wrapped.worktreePath, claudeSessionId: 'claude-1', env: home.env });
    expect(wrapper).toEqual({ skipped: expect.stringContaining('not one made for Claude') });
    const other = await removeClaudeWorktree(coordinator, { worktreePath: theirs.worktreePath, claudeSessionId: 'claude-1', env: home.env });
    expect(other).toEqual({ skipped: expect.stringContaining('of another Claude Code session, whose agent still runs') });
    expect(sessionRows(coordinator)).toEqual(before);
    expect(fs.existsSync(theirs.worktreePath)).toBe(true);

    // Its own Claude session removes it.
    expect(await removeClaudeWorktree(coordinator, { worktreePath: theirs.worktreePath, claudeSessionId: 'claude-2', env: home.env })).toMatchObject({ worktree: 'removed' });
  });
});
