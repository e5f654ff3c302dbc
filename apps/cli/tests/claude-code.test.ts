import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempDir, makeTempHome, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { BIN, pcc, pccJson, sessionRows, startBin, waitFor } from './support';

// A stand-in for Claude Code that does what it does with hooks (TOOLCHAIN.md): it reads the hooks
// from ~/.claude/settings.json and runs each command under `sh -c` with real-shaped JSON on stdin,
// SessionStart first, a PostToolUse per "tool call", SessionEnd on exit. What the hooks print is
// saved, so the test can see what the model would have been told.
const STAND_IN = `
const fs = require('fs'), path = require('path'), { execFileSync } = require('child_process');
const out = process.env.AGENT_OUT, name = process.argv[2];
const settings = JSON.parse(fs.readFileSync(path.join(process.env.HOME, '.claude', 'settings.json'), 'utf8'));
const sessionId = 'claude-' + name;
function fire(event, extra) {
  for (const group of settings.hooks[event] || []) for (const hook of group.hooks) {
    const stdin = JSON.stringify({ session_id: sessionId, transcript_path: '/tmp/' + name + '.jsonl', cwd: process.cwd(), hook_event_name: event, ...extra });
    const printed = execFileSync('sh', ['-c', hook.command], { input: stdin, encoding: 'utf8' });
    if (printed) fs.appendFileSync(path.join(out, name + '.' + event), printed);
  }
}
fire('SessionStart', { source: 'startup' });
for (let i = 0; i < 3; i++) fire('PostToolUse', { tool_name: 'Edit', tool_input: { file_path: 'a.ts' }, tool_response: {} });
// Renamed into place whole: the test polls for it, then reads it.
fs.writeFileSync(path.join(out, name + '.started.tmp'), process.cwd());
fs.renameSync(path.join(out, name + '.started.tmp'), path.join(out, name + '.started'));
process.on('SIGTERM', () => process.exit(143));
const timer = setInterval(() => {
  if (!fs.existsSync(path.join(out, 'go'))) return;
  clearInterval(timer);
  fire('SessionEnd', { reason: 'exit' });
  process.exit(0);
}, 50);
`;

let home: TempHome;
let out: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  home = makeTempHome();
  out = makeTempDir('pcc-claude-out-');
  const bin = path.join(out, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(out, 'claude.js'), STAND_IN);
  fs.writeFileSync(path.join(bin, 'claude'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(out, 'claude.js')}" "$@"\n`, {
    mode: 0o755,
  });
  // As after a global install: the alias runs this claude-parallel.
  fs.symlinkSync(BIN.claudeParallel, path.join(bin, 'claude-parallel'));
  env = { ...home.env, SHELL: '/bin/bash', AGENT_OUT: out, PATH: `${bin}${path.delimiter}${process.env.PATH}` };
});
afterAll(() => removeTempDirs());

const read = (file: string) => fs.readFileSync(file, 'utf8');

describe('parallel-cc install', () => {
  it('installs everything once, reports it, and uninstalls back to the files the user had', () => {
    const settings = path.join(home.home, '.claude', 'settings.json');
    const claudeJson = path.join(home.home, '.claude.json');
    fs.mkdirSync(path.dirname(settings));
    fs.writeFileSync(settings, JSON.stringify({ model: 'sonnet', hooks: { Stop: [{ hooks: [{ type: 'command', command: 'say hi' }] }] } }, null, 2));
    fs.writeFileSync(claudeJson, JSON.stringify({ numStartups: 3, projects: { '/a': {} }, mcpServers: {} }, null, 2));
    const before = { settings: JSON.parse(read(settings)), claude: JSON.parse(read(claudeJson)) };

    const dry = pcc(['install', '--all', '--dry-run'], { env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`would update hooks: ${settings}`);
    expect(dry.stdout).toMatch(/\+ +"command": "'[^']*parallel-cc(\.js)?' hook session-start"/);
    // With the MCP server installed too, the edit hooks run in it (mcp_tool), not as a process per edit.
    expect(dry.stdout).toMatch(/\+ +"tool": "record_edit"/);
    expect(JSON.parse(read(settings))).toEqual(before.settings);

    expect(pcc(['install', '--all'], { env }).code).toBe(0);
    expect(pcc(['install', '--all'], { env }).stdout).toContain('Nothing to change');
    const status = pccJson<{ pieces: Array<{ piece: string; state: string }> }>(['install', 'status'], { env });
    expect(status.pieces.map((p) => [p.piece, p.state])).toEqual([
      ['hooks', 'installed'],
      ['mcp', 'installed'],
      ['alias', 'installed'],
    ]);
    expect(fs.existsSync(path.join(home.pccHome, 'coordinator.db'))).toBe(true);
    const doctor = pccJson<{ checks: Array<{ name: string; status: string }> }>(['doctor'], { env });
    expect(doctor.checks.filter((c) => ['hooks', 'mcp', 'alias'].includes(c.name)).map((c) => c.status)).toEqual(['ok', 'ok', 'ok']);

    expect(pcc(['uninstall'], { env }).code).toBe(0);
    expect(JSON.parse(read(settings))).toEqual(before.settings);
    expect(JSON.parse(read(claudeJson))).toEqual(before.claude);
    expect(fs.existsSync(path.join(home.home, '.bashrc'))).toBe(false);
    expect(pcc(['install', 'status'], { env }).code).toBe(1);
  });

  it('skips the hooks when their settings file is invalid, without touching it, and asks what to install', () => {
    const settings = path.join(home.home, '.claude', 'settings.json');
    fs.mkdirSync(path.dirname(settings));
    fs.writeFileSync(settings, '{ broken');
    const result = pcc(['install', '--hooks'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^skipped hooks: .*settings\.json is not valid JSON/m);
    expect(read(settings)).toBe('{ broken');
    expect(pcc(['install'], { env })).toMatchObject({ code: 2 });
    expect(pcc(['install', '--alias', '--shell', 'tcsh'], { env }).code).toBe(2);
  });
});

describe('the hook commands', () => {
  it('print nothing and exit 0 on garbage', () => {
    for (const input of ['', 'garbage', '{"cwd": 1}']) {
      const result = execFileSync(process.execPath, [BIN.pcc, 'hook', 'post-tool-use'], { env, input, encoding: 'utf8' });
      expect(result).toBe('');
    }
  });
});

describe('Claude Code with parallel-cc installed', () => {
  it('two sessions through claude-parallel land in different places, heartbeat, and are released on exit', async () => {
    pcc(['install', '--hooks'], { env });
    const repo = makeRepo();
    const first = startBin(BIN.claudeParallel, ['one'], { env, cwd: repo });
    await waitFor(() => fs.existsSync(path.join(out, 'one.started')), 20_000, 'first session');
    const second = startBin(BIN.claudeParallel, ['two'], { env, cwd: repo });
    await waitFor(() => fs.existsSync(path.join(out, 'two.started')), 20_000, 'second session');

    const places = ['one', 'two'].map((n) => read(path.join(out, `${n}.started`)));
    expect(places[0]).toBe(repo);
    expect(places[1]).not.toBe(repo);
    const told = JSON.parse(read(path.join(out, 'two.SessionStart')));
    expect(told.hookSpecificOutput.additionalContext).toContain(`its own git worktree ${places[1]}`);

    const status = pccJson<{ sessions: Array<{ claudeSessionId: string; lastHeartbeat: string; createdAt: string; state: string }> }>(
      ['status'],
      { env },
    );
    expect(status.sessions.map((s) => s.claudeSessionId).sort()).toEqual(['claude-one', 'claude-two']);
    for (const s of status.sessions) {
      expect(s.state).toBe('live');
      expect(Date.parse(s.lastHeartbeat)).toBeGreaterThan(Date.parse(s.createdAt));
    }

    fs.writeFileSync(path.join(out, 'go'), '');
    expect((await first.exited).code).toBe(0);
    expect((await second.exited).code).toBe(0);
    expect(sessionRows(home.pccHome)).toEqual([]);
    expect(fs.existsSync(places[1] as string)).toBe(false);
  });

  it('a plain claude in a checkout another session holds is told so, shown beside it, and its own session ends with it', async () => {
    pcc(['install', '--hooks'], { env });
    const repo = makeRepo();
    const wrapped = startBin(BIN.claudeParallel, ['wrapped'], { env, cwd: repo });
    await waitFor(() => fs.existsSync(path.join(out, 'wrapped.started')), 20_000, 'wrapped session');
    const plainEnv = { ...env };
    const plain = startBin(path.join(out, 'claude.js'), ['plain'], { env: plainEnv, cwd: repo });
    await waitFor(() => fs.existsSync(path.join(out, 'plain.started')), 20_000, 'plain session');
    const told = JSON.parse(read(path.join(out, 'plain.SessionStart')));
    expect(told.hookSpecificOutput.additionalContext).toMatch(/another live session .* already working in .*`EnterWorktree` tool.*restart with `claude -w <name>`/s);
    // It is in status all the same, beside the session that holds the checkout.
    const status = pccJson<{ sessions: Array<{ sessionId: string; origin: string; sharesPlaceWith: string | null; worktreePath: string }> }>(['status'], {
      env,
    });
    const holder = status.sessions.find((s) => s.origin === 'wrapper');
    expect(status.sessions).toEqual(
      expect.arrayContaining([expect.objectContaining({ origin: 'adopted', sharesPlaceWith: holder?.sessionId, worktreePath: fs.realpathSync(repo) })]),
    );
    expect(pcc(['status'], { env }).stdout).toMatch(/└ [0-9a-f]{8} .*adopted, shares [0-9a-f]{8}/);

    fs.writeFileSync(path.join(out, 'go'), '');
    await Promise.all([wrapped.exited, plain.exited]);
    expect(sessionRows(home.pccHome)).toEqual([]);
  });

  it('a plain claude in a worktree made before install is a session where it is, released on exit, the worktree left', async () => {
    pcc(['install', '--hooks'], { env });
    const repo = makeRepo();
    const mine = path.join(path.dirname(repo), 'made-before');
    git(repo, 'worktree', 'add', '-q', '-b', 'made-before', mine);
    fs.writeFileSync(path.join(mine, 'wip.txt'), 'wip\n');
    const plain = startBin(path.join(out, 'claude.js'), ['plain'], { env, cwd: mine });
    await waitFor(() => fs.existsSync(path.join(out, 'plain.started')), 20_000, 'plain session');
    expect(fs.existsSync(path.join(out, 'plain.SessionStart'))).toBe(false);
    const status = pccJson<{ sessions: Array<{ worktreePath: string; branch: string; claudeSessionId: string; state: string }> }>(['status'], {
      env,
    });
    expect(status.sessions).toEqual([expect.objectContaining({ worktreePath: mine, branch: 'made-before', claudeSessionId: 'claude-plain', state: 'live' })]);

    fs.writeFileSync(path.join(out, 'go'), '');
    expect((await plain.exited).code).toBe(0);
    expect(sessionRows(home.pccHome)).toEqual([]);
    expect(read(path.join(mine, 'wip.txt'))).toBe('wip\n');
    expect(git(repo, 'branch', '--list', 'made-before')).toContain('made-before');
  });
});
