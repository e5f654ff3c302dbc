import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, makeTempDir, makeTempHome, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { BIN, pcc, pccJson, sessionRows } from './support';
import type { RunResult } from './support';

// Claude Code's WorktreeCreate / WorktreeRemove hooks, run as Claude runs them: the installed
// command under `sh -c`, real-shaped JSON on stdin (TOOLCHAIN.md).

let home: TempHome;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  home = makeTempHome();
  env = { ...home.env };
});
afterAll(() => removeTempDirs());

const createInput = (cwd: string, name: string, sessionId = 'claude-main') =>
  JSON.stringify({ session_id: sessionId, transcript_path: '/tmp/t.jsonl', cwd, hook_event_name: 'WorktreeCreate', name });
const removeInput = (worktreePath: string) =>
  JSON.stringify({ session_id: 'claude-main', transcript_path: '/tmp/t.jsonl', cwd: worktreePath, hook_event_name: 'WorktreeRemove', worktree_path: worktreePath });

/** Runs `parallel-cc hook <event>` under `sh -c`, as Claude Code does (the agent found is this test's process). */
function hook(event: string, stdin: string, cwd: string): RunResult {
  const result = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN.pcc}" hook ${event}`], { env, cwd, input: stdin, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the hook from a short-lived node process (not a shell): the agent found is that process, gone once it returns. A hook killed by a signal exits 137, as under a shell. */
function hookFromPassingAgent(event: string, stdin: string, cwd: string): RunResult {
  const script = `const r = require('child_process').spawnSync(process.execPath, [${JSON.stringify(BIN.pcc)}, 'hook', ${JSON.stringify(event)}], { input: process.argv[1], encoding: 'utf8' });
process.stdout.write(r.stdout); process.stderr.write(r.stderr); process.exitCode = r.status ?? 128 + 9;`;
  const result = spawnSync(process.execPath, ['-e', script, stdin], { env, cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `work` with `extra` added to the environment the hooks get. */
function withEnv<T>(extra: NodeJS.ProcessEnv, work: () => T): T {
  const saved = env;
  env = { ...env, ...extra };
  try {
    return work();
  } finally {
    env = saved;
  }
}

describe('hook worktree-create', () => {
  it('prints only the new worktree path, registers a claude-worktree session, and worktree-remove releases it', () => {
    const repo = makeRepo();
    const made = hook('worktree-create', createInput(repo, 'feat-x'), repo);
    const folder = path.join(`${repo}-worktrees`, 'feat-x');
    expect(made).toMatchObject({ code: 0, stdout: `${folder}\n` });
    expect(made.stderr).toContain('made worktree');
    expect(git(folder, 'symbolic-ref', '--short', 'HEAD')).toBe('worktree-feat-x');
    expect(sessionRows(home.pccHome)).toEqual([
      expect.objectContaining({ worktree_path: folder, branch: 'worktree-feat-x', origin: 'claude-worktree', claude_session_id: 'claude-main', status: 'active' }),
    ]);

    const removed = hook('worktree-remove', removeInput(folder), repo);
    expect(removed).toMatchObject({ code: 0, stdout: '' });
    expect(removed.stderr).toContain(`removed worktree ${folder} (branch worktree-feat-x deleted)`);
    expect(fs.existsSync(folder)).toBe(false);
    expect(sessionRows(home.pccHome)).toEqual([]);
  });

  it('session-end releases the session and its subagents; a worktree with work or commits to resume stays, and the same NAME resumes in it', () => {
    const repo = makeRepo();
    const folder = hook('worktree-create', createInput(repo, 'feat-y'), repo).stdout.trim();
    const idle = hook('worktree-create', createInput(folder, 'agent-1'), folder).stdout.trim();
    const committed = hook('worktree-create', createInput(folder, 'agent-2'), folder).stdout.trim();
    expect(sessionRows(home.pccHome).map((r) => r.origin).sort()).toEqual(['claude-worktree', 'subagent', 'subagent']);
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'kept for later\n');
    commitFiles(committed, { 'found.md': 'a finding\n' }, 'finding');

    const end = hook('session-end', JSON.stringify({ session_id: 'claude-main', transcript_path: '/tmp/t.jsonl', cwd: folder, hook_event_name: 'SessionEnd', reason: 'exit' }), folder);
    expect(end.code).toBe(0);
    // Nothing live is left; what holds work or commits stays (kept), what holds nothing goes.
    expect(sessionRows(home.pccHome).map((r) => [r.worktree_path, r.status]).sort()).toEqual(
      [
        [folder, 'kept'],
        [committed, 'kept'],
      ].sort(),
    );
    expect(fs.readFileSync(path.join(folder, 'notes.txt'), 'utf8')).toBe('kept for later\n');
    expect(fs.existsSync(idle)).toBe(false);
    expect(git(repo, 'branch', '--list', 'worktree-agent-1')).toBe('');
    expect(git(committed, 'log', '-1', '--format=%s')).toBe('finding');

    const again = hook('worktree-create', createInput(repo, 'feat-y', 'claude-next'), repo);
    expect(again).toMatchObject({ code: 0, stdout: `${folder}\n` });
    expect(sessionRows(home.pccHome).find((r) => r.worktree_path === folder)).toMatchObject({
      branch: 'worktree-feat-y',
      origin: 'claude-worktree',
      claude_session_id: 'claude-next',
      status: 'active',
    });
  });

  it('worktree-remove keeps a worktree with changes and says so on stderr', () => {
    const repo = makeRepo();
    const folder = hook('worktree-create', createInput(repo, 'feat'), repo).stdout.trim();
    fs.writeFileSync(path.join(folder, 'work.txt'), 'unsaved\n');
    const removed = hook('worktree-remove', removeInput(folder), repo);
    expect(removed.code).toBe(0);
    expect(removed.stderr).toMatch(new RegExp(`^parallel-cc: kept worktree ${folder}: .*untracked`, 'm'));
    expect(fs.readFileSync(path.join(folder, 'work.txt'), 'utf8')).toBe('unsaved\n');
    expect(sessionRows(home.pccHome)).toEqual([expect.objectContaining({ status: 'kept' })]);
  });

  it('takes a suffix when another worktree has worktree-NAME, and puts it in .claude/worktrees when configured', () => {
    const repo = makeRepo();
    git(repo, 'worktree', 'add', '-q', '-b', 'worktree-feat', path.join(path.dirname(repo), 'elsewhere'));
    git(repo, 'config', 'parallel-cc.worktreesDir', '.claude/worktrees');
    const made = hook('worktree-create', createInput(repo, 'feat'), repo);
    const folder = path.join(repo, '.claude', 'worktrees', 'feat');
    expect(made).toMatchObject({ code: 0, stdout: `${folder}\n` });
    expect(git(folder, 'symbolic-ref', '--short', 'HEAD')).toBe('worktree-feat-2');
  });

  it('resumes in NAME once its session is gone, and refuses it while a live session holds it', () => {
    const repo = makeRepo();
    const first = hookFromPassingAgent('worktree-create', createInput(repo, 'feat', 'claude-gone'), repo);
    expect(first.code).toBe(0);
    const folder = first.stdout.trim();
    const held = hook('worktree-create', createInput(repo, 'feat', 'claude-holder'), repo);
    expect(held).toMatchObject({ code: 0, stdout: `${folder}\n` });
    expect(held.stderr).toContain('resumed in worktree');

    const refused = hook('worktree-create', createInput(repo, 'feat', 'claude-late'), repo);
    const holder = sessionRows(home.pccHome)[0] as { id: string; pid: number };
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `parallel-cc WorktreeCreate: The worktree feat (${folder}) is held by live session ${holder.id.slice(0, 8)} (PID ${holder.pid}); choose another name.\n`,
    );
    expect(sessionRows(home.pccHome).map((r) => r.claude_session_id)).toEqual(['claude-holder']);
  });

  it.each([
    ['not JSON', 'garbage', /stdin is not JSON/],
    ['no name', JSON.stringify({ session_id: 's', cwd: '/', hook_event_name: 'WorktreeCreate' }), /bad hook input: "name" is missing or not a non-empty string\./],
    ['a parent path', '../x', /"\.\.\/x" is not a valid worktree name: it contains "\/"/],
    ['an option', '-x', /"-x" is not a valid worktree name: it starts with "-"/],
    ['300 characters', 'x'.repeat(300), /is not a valid worktree name: it is 300 characters long/],
    ['a control character', 'a\u001bb', /is not a valid worktree name: it contains "\\u001b"/],
  ])('refuses %s in one line and makes nothing', (_what, nameOrStdin, message) => {
    const repo = makeRepo();
    const stdin = nameOrStdin.startsWith('{') || nameOrStdin === 'garbage' ? nameOrStdin : createInput(repo, nameOrStdin);
    const result = hook('worktree-create', stdin, repo);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(sessionRows(home.pccHome)).toEqual([]);
    expect(git(repo, 'branch', '--format=%(refname:short)')).toBe('main');
    expect(fs.existsSync(`${repo}-worktrees`)).toBe(false);
  });

  it('refuses a cwd outside any repository', () => {
    const outside = makeTempDir('pcc-outside-');
    const result = hook('worktree-create', createInput(outside, 'feat'), outside);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^parallel-cc WorktreeCreate: .* is not inside a git repository with a work tree\.\n$/);
  });

  it('gives NAME to exactly one of two hooks started at once', async () => {
    const repo = makeRepo();
    const start = () =>
      new Promise<RunResult>((resolve) => {
        const child = spawn('sh', ['-c', `"${process.execPath}" "${BIN.pcc}" hook worktree-create`], { env, cwd: repo });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
        child.stdin.end(createInput(repo, 'same'));
      });
    const results = await Promise.all([start(), start()]);
    expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
    const loser = results.find((r) => r.code === 1);
    expect(loser?.stderr).toMatch(/^parallel-cc WorktreeCreate: The worktree same .* is held by live session/);
    expect(sessionRows(home.pccHome)).toHaveLength(1);
  });

  it('links a subagent worktree to the session of the Claude session that asked', () => {
    const repo = makeRepo();
    const start = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN.pcc}" hook session-start`], {
      env,
      cwd: repo,
      input: JSON.stringify({ session_id: 'claude-main', transcript_path: '/tmp/t.jsonl', cwd: repo, hook_event_name: 'SessionStart', source: 'startup' }),
    });
    expect(start.status).toBe(0);
    const parent = sessionRows(home.pccHome)[0] as { id: string };
    const made = hook('worktree-create', createInput(repo, 'agent-a1f2'), repo);
    expect(made.code).toBe(0);
    expect(made.stderr).toContain('(subagent)');
    expect(sessionRows(home.pccHome).find((r) => r.worktree_path === made.stdout.trim())).toMatchObject({
      origin: 'subagent',
      claude_session_id: 'claude-main',
      parent_session_id: parent.id,
    });
    const status = pccJson<{ sessions: Array<{ worktreePath: string; origin: string; parentSessionId: string | null }> }>(['status', '--json'], { env });
    expect(status.sessions.find((s) => s.worktreePath === made.stdout.trim())).toMatchObject({ origin: 'subagent', parentSessionId: parent.id });
  });
});

describe('hook worktree-create killed half way', () => {
  const worktreeFolders = (repo: string) => (fs.existsSync(`${repo}-worktrees`) ? fs.readdirSync(`${repo}-worktrees`) : []);

  it.each(['claude-worktree:after-row', 'claude-worktree:worktree-add', 'claude-worktree:before-answer'])(
    'at %s: Claude sees a failure, the next cleanup leaves no trace, and NAME can be made again',
    (point) => {
      const repo = makeRepo({ 'src/app.js': 'one\n' });
      const crashed = withEnv({ PARALLEL_CC_TEST_CRASH_AT: point }, () => hookFromPassingAgent('worktree-create', createInput(repo, 'feat'), repo));
      // Killed: no path on stdout, a non-zero answer, so Claude Code aborts the creation.
      expect(crashed.stdout).toBe('');
      expect(crashed.code).not.toBe(0);
      expect(sessionRows(home.pccHome)).toHaveLength(1);

      const cleanup = pcc(['cleanup', '--json'], { env });
      expect(cleanup).toMatchObject({ code: 0, stderr: '' });
      expect(sessionRows(home.pccHome)).toEqual([]);
      expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
      expect(git(repo, 'branch', '--list', 'worktree-*')).toBe('');
      expect(worktreeFolders(repo)).toEqual([]);

      const again = hook('worktree-create', createInput(repo, 'feat'), repo);
      expect(again).toMatchObject({ code: 0, stdout: `${path.join(`${repo}-worktrees`, 'feat')}\n` });
      expect(fs.readFileSync(path.join(again.stdout.trim(), 'src', 'app.js'), 'utf8')).toBe('one\n');
    },
  );
});

describe('install --hooks', () => {
  it('installs WorktreeCreate and WorktreeRemove commands that work, and uninstall takes them away', () => {
    expect(pcc(['install', '--hooks'], { env }).code).toBe(0);
    const settingsFile = path.join(home.home, '.claude', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    const repo = makeRepo();
    const command = settings.hooks.WorktreeCreate[0].hooks[0].command as string;
    const made = spawnSync('sh', ['-c', command], { env, cwd: repo, input: createInput(repo, 'installed'), encoding: 'utf8' });
    expect(made).toMatchObject({ status: 0, stdout: `${path.join(`${repo}-worktrees`, 'installed')}\n` });
    const removeCommand = settings.hooks.WorktreeRemove[0].hooks[0].command as string;
    const removed = spawnSync('sh', ['-c', removeCommand], { env, cwd: repo, input: removeInput(made.stdout.trim()), encoding: 'utf8' });
    expect(removed.status).toBe(0);
    expect(sessionRows(home.pccHome)).toEqual([]);

    expect(pcc(['uninstall'], { env }).code).toBe(0);
    const after = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
    expect(after.hooks?.WorktreeCreate).toBeUndefined();
    expect(after.hooks?.WorktreeRemove).toBeUndefined();
  });
});
