import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRepo, makeTempHome, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { addNotification, openCoordinator, registerSession } from '@parallel-cc/core-sessions';
import type { Coordinator } from '@parallel-cc/core-sessions';
import { runHook } from '../src';
import { agentPid, parentOf } from '../src/hooks/agent-pid';
import { parseHookInput } from '../src/hooks/hook-input';

let home: TempHome;
let coordinator: Coordinator;
const live: LiveProcess[] = [];
const startLive = () => {
  const p = startLiveProcess();
  live.push(p);
  return p;
};

beforeEach(async () => {
  home = makeTempHome();
  coordinator = await openCoordinator({ env: home.env });
});
afterEach(async () => {
  await coordinator.close();
  await Promise.all(live.splice(0).map((p) => p.kill()));
});
afterAll(() => removeTempDirs());

// What Claude Code writes to a hook's stdin (TOOLCHAIN.md).
const input = (event: string, extra: Record<string, unknown>) =>
  JSON.stringify({ session_id: 'c1a2b3', transcript_path: '/tmp/t.jsonl', hook_event_name: event, ...extra });
const rows = () => coordinator.raw.prepare('select * from sessions').all() as Array<Record<string, unknown>>;
const hook = (name: string, stdin: string, env: NodeJS.ProcessEnv = home.env, pid?: number) =>
  runHook(name, stdin, { env, agentPid: pid === undefined ? undefined : () => pid });

describe('post-tool-use', () => {
  it('heartbeats the wrapper session and hands its notifications to the model exactly once', async () => {
    const repo = makeRepo();
    const session = await registerSession(coordinator, { repo, pid: startLive().pid, env: home.env });
    coordinator.raw.prepare("update sessions set last_heartbeat = '2000-01-01T00:00:00.000Z'").run();
    await addNotification(coordinator, { sessionId: session.sessionId, kind: 'merge', text: 'parallel-cc/abcd was merged into main' });
    const env = { ...home.env, PARALLEL_CC_SESSION_ID: session.sessionId };
    const stdin = input('PostToolUse', { cwd: repo, tool_name: 'Edit', tool_input: {}, tool_response: {} });

    const first = JSON.parse(await hook('post-tool-use', stdin, env));
    expect(first).toEqual({
      hookSpecificOutput: { hookEventName: 'PostToolUse', additionalContext: '[parallel-cc merge] parallel-cc/abcd was merged into main' },
    });
    expect(Date.parse(rows()[0]?.last_heartbeat as string)).toBeGreaterThan(Date.parse('2020-01-01'));
    expect(await hook('post-tool-use', stdin, env)).toBe('');
  });

  it('finds the session by the folder when PARALLEL_CC_SESSION_ID is not set', async () => {
    const repo = makeRepo({ 'src/a.ts': 'export {};\n' });
    await registerSession(coordinator, { repo, pid: startLive().pid, env: home.env });
    const side = await registerSession(coordinator, { repo, pid: startLive().pid, env: home.env });
    coordinator.raw.prepare("update sessions set last_heartbeat = '2000-01-01T00:00:00.000Z'").run();
    await hook('post-tool-use', input('PostToolUse', { cwd: path.join(side.worktreePath, 'src'), tool_name: 'Bash' }));
    const fresh = rows().filter((r) => (r.last_heartbeat as string) > '2020');
    expect(fresh.map((r) => r.id)).toEqual([side.sessionId]);
  });

  it('prints nothing and changes nothing for garbage, unknown hooks and folders with no session', async () => {
    for (const stdin of ['', 'not json', '[]', '42', '{"cwd": 7}']) expect(await hook('post-tool-use', stdin)).toBe('');
    expect(await hook('no-such-hook', input('PostToolUse', { cwd: '/' }))).toBe('');
    expect(await hook('post-tool-use', input('PostToolUse', { cwd: makeRepo() }))).toBe('');
    expect(rows()).toEqual([]);
  });

  it('logs a failure to $PARALLEL_CC_HOME/logs/hooks.log and still prints nothing', async () => {
    const other = makeTempHome();
    fs.mkdirSync(other.pccHome, { recursive: true });
    // A database of the earlier parallel-cc: opening it fails until `parallel-cc update`.
    const legacy = new Database(path.join(other.pccHome, 'coordinator.db'));
    legacy.exec('create table sessions (id text primary key)');
    legacy.close();
    expect(await hook('post-tool-use', input('PostToolUse', { cwd: '/' }), other.env)).toBe('');
    const log = fs.readFileSync(path.join(other.pccHome, 'logs', 'hooks.log'), 'utf8');
    expect(log).toMatch(/^\d{4}-\d\d-\d\dT.* hook post-tool-use failed: SessionError: .*earlier parallel-cc/);
  });
});

describe('session-start and session-end', () => {
  it('attaches Claude Code’s session id to the wrapper’s session and tells the model where it works', async () => {
    const repo = makeRepo();
    await registerSession(coordinator, { repo, pid: startLive().pid, env: home.env });
    const side = await registerSession(coordinator, { repo, pid: startLive().pid, env: home.env });
    const env = { ...home.env, PARALLEL_CC_SESSION_ID: side.sessionId };
    const out = JSON.parse(await hook('session-start', input('SessionStart', { cwd: side.worktreePath, source: 'startup' }), env));
    expect(out.hookSpecificOutput.hookEventName).toBe('SessionStart');
    expect(out.hookSpecificOutput.additionalContext).toContain(`its own git worktree ${side.worktreePath} on branch ${side.branch}`);
    expect(out.hookSpecificOutput.additionalContext).toContain('1 other session works in this repository');
    expect(rows().find((r) => r.id === side.sessionId)?.claude_session_id).toBe('c1a2b3');
    // SessionEnd leaves a wrapper's session to the wrapper.
    await hook('session-end', input('SessionEnd', { cwd: side.worktreePath, reason: 'exit' }), env);
    expect(rows()).toHaveLength(2);
  });

  it('registers a plain claude in place, a second one beside it with a warning, and hands the checkout over on SessionEnd', async () => {
    const repo = makeRepo();
    const first = startLive();
    expect(await hook('session-start', input('SessionStart', { cwd: repo }), home.env, first.pid)).toBe('');
    expect(rows()).toEqual([expect.objectContaining({ pid: first.pid, origin: 'adopted', claude_session_id: 'c1a2b3', worktree_path: repo })]);

    const second = startLive();
    const warning = JSON.parse(
      await hook('session-start', JSON.stringify({ session_id: 'other', hook_event_name: 'SessionStart', cwd: repo }), home.env, second.pid),
    );
    expect(warning.hookSpecificOutput.additionalContext).toMatch(/another live session .* is already working in .*`EnterWorktree` tool.*restart with `claude -w <name>`/s);
    expect(warning.hookSpecificOutput.additionalContext).not.toContain('claude-parallel');
    // The second is registered beside the first, as its guest: seen by everyone, owning nothing.
    const holder = rows().find((r) => r.pid === first.pid);
    expect(rows().find((r) => r.pid === second.pid)).toMatchObject({ worktree_path: repo, is_main_repo: 1, origin: 'adopted', claude_session_id: 'other', shares_place_with: holder?.id });

    // The holder leaves first: its guest now holds the checkout; then the guest leaves too.
    await hook('session-end', input('SessionEnd', { cwd: repo, reason: 'exit' }));
    expect(rows()).toEqual([expect.objectContaining({ pid: second.pid, shares_place_with: null })]);
    await hook('session-end', JSON.stringify({ session_id: 'other', hook_event_name: 'SessionEnd', cwd: repo, reason: 'exit' }));
    expect(rows()).toEqual([]);
    expect(fs.existsSync(repo)).toBe(true);
  });
});

describe('/clear', () => {
  it('keeps the session and its place: the next conversation of the same agent is attached to it, and its end releases it', async () => {
    const repo = makeRepo();
    const agent = startLive();
    expect(await hook('session-start', input('SessionStart', { cwd: repo, source: 'startup' }), home.env, agent.pid)).toBe('');
    const [session] = rows();

    await hook('session-end', input('SessionEnd', { cwd: repo, reason: 'clear' }), home.env, agent.pid);
    expect(rows()).toEqual([expect.objectContaining({ id: session?.id, claude_session_id: 'c1a2b3' })]);

    const next = JSON.stringify({ session_id: 'after-clear', hook_event_name: 'SessionStart', source: 'clear', cwd: repo });
    expect(await hook('session-start', next, home.env, agent.pid)).toBe('');
    expect(rows()).toEqual([expect.objectContaining({ id: session?.id, claude_session_id: 'after-clear' })]);

    await hook('session-end', JSON.stringify({ session_id: 'after-clear', hook_event_name: 'SessionEnd', cwd: repo, reason: 'prompt_input_exit' }));
    expect(rows()).toEqual([]);
  });
});

describe('hook plumbing', () => {
  it('parses real-shaped input and rejects the rest', () => {
    expect(parseHookInput(input('PostToolUse', { cwd: '/x', tool_name: 'Edit' }))).toMatchObject({ cwd: '/x', tool_name: 'Edit' });
    expect(parseHookInput('{"cwd": 5}')).toBeNull();
    expect(parseHookInput('nope')).toBeNull();
  });

  it('finds the agent above the shell that ran the hook', () => {
    expect(parentOf(process.pid)?.ppid).toBe(process.ppid);
    expect(parentOf(999_999_999)).toBeNull();
    // jest runs this file without a shell between it and its parent, so the parent is the "agent".
    const parent = parentOf(process.ppid);
    const expected = parent && ['sh', 'bash', 'dash', 'zsh'].includes(parent.comm) ? parent.ppid : process.ppid;
    expect(agentPid()).toBe(expected);
  });
});
