import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempDir, makeTempHome, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { BIN, isRunning, pcc, pccJson, sessionRows, startBin, waitFor } from './support';

// A stand-in agent: it records where it runs and its environment, reports signals it gets, and
// waits for a `go` file (or exits at once with AGENT_EXIT). Installed as `claude` on PATH. Its
// reports appear whole (written aside, then renamed): the test polls for them while it runs.
const AGENT = `
const fs = require('fs'), path = require('path');
const out = process.env.AGENT_OUT;
const name = process.argv[2] || 'agent';
const put = (file, text) => { fs.writeFileSync(file + '.tmp', text); fs.renameSync(file + '.tmp', file); };
put(path.join(out, name + '.json'), JSON.stringify({ cwd: process.cwd(), pid: process.pid, session: process.env.PARALLEL_CC_SESSION_ID, args: process.argv.slice(2) }));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { put(path.join(out, name + '.signal'), sig); process.exit(42); });
if (process.env.AGENT_EXIT) process.exit(Number(process.env.AGENT_EXIT));
setInterval(() => { if (fs.existsSync(path.join(out, 'go'))) process.exit(0); }, 50);
`;

let home: TempHome;
let out: string;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  home = makeTempHome();
  out = makeTempDir('pcc-agent-out-');
  const bin = path.join(out, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(out, 'agent.js'), AGENT);
  fs.writeFileSync(path.join(bin, 'claude'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(out, 'agent.js')}" "$@"\n`, {
    mode: 0o755,
  });
  env = { ...home.env, AGENT_OUT: out, PATH: `${bin}${path.delimiter}${process.env.PATH}` };
});
afterAll(() => removeTempDirs());

const report = (name: string) => {
  const file = path.join(out, `${name}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { cwd: string; pid: number; session: string; args: string[] }) : undefined;
};

describe('claude-parallel, the wrapper', () => {
  it('runs concurrent agents each in its own place, and releases each when it exits', async () => {
    const repo = makeRepo({ 'src/index.ts': 'export {};\n' });
    const first = startBin(BIN.claudeParallel, ['one'], { env, cwd: path.join(repo, 'src') });
    await waitFor(() => report('one'), 15_000, 'first agent');
    const second = startBin(BIN.claudeParallel, ['two', '--model', 'x'], { env, cwd: path.join(repo, 'src') });
    const third = startBin(BIN.claudeParallel, ['three'], { env, cwd: repo });
    const [one, two, three] = await Promise.all(['one', 'two', 'three'].map((n) => waitFor(() => report(n), 15_000, n)));

    expect(one?.cwd).toBe(path.join(repo, 'src'));
    expect(two?.args).toEqual(['two', '--model', 'x']);
    expect(path.basename(two?.cwd ?? '')).toBe('src');
    expect(new Set([one?.cwd, two?.cwd, three?.cwd]).size).toBe(3);
    const rows = sessionRows(home.pccHome);
    expect(rows.map((r) => r.id).sort()).toEqual([one?.session, two?.session, three?.session].sort());
    expect(rows.map((r) => r.agent_pid).sort()).toEqual([one?.pid, two?.pid, three?.pid].sort());

    fs.writeFileSync(path.join(out, 'go'), '');
    const codes = await Promise.all([first, second, third].map((w) => w.exited));
    expect(codes.map((c) => c.code)).toEqual([0, 0, 0]);
    expect(sessionRows(home.pccHome)).toEqual([]);
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
    expect(fs.existsSync(two?.cwd ?? '')).toBe(false);
  });

  it("exits with the agent's exit code", async () => {
    const repo = makeRepo();
    const run = startBin(BIN.pcc, ['run', '--', 'claude', 'quick'], { env: { ...env, AGENT_EXIT: '7' }, cwd: repo });
    expect(await run.exited).toEqual({ code: 7, signal: null });
    expect(sessionRows(home.pccHome)).toEqual([]);
  });

  it('forwards SIGTERM, SIGINT and SIGHUP to the agent and releases the session', async () => {
    const repo = makeRepo();
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
      const name = `sig-${signal}`;
      const run = startBin(BIN.claudeParallel, [name], { env, cwd: repo });
      await waitFor(() => report(name), 15_000, name);
      run.child.kill(signal);
      expect(await run.exited).toEqual({ code: 42, signal: null });
      expect(fs.readFileSync(path.join(out, `${name}.signal`), 'utf8')).toBe(signal);
      expect(sessionRows(home.pccHome)).toEqual([]);
    }
  });

  it('reports an agent that cannot start, and leaves no session behind', async () => {
    const repo = makeRepo();
    const run = startBin(BIN.pcc, ['run', '--', 'no-such-agent-xyz'], { env, cwd: repo });
    const ended = await run.exited;
    expect(ended.code).toBe(1);
    expect(run.output().stderr).toMatch(/Could not start no-such-agent-xyz: it is not on PATH\./);
    expect(sessionRows(home.pccHome)).toEqual([]);
  });

  it('keeps the session live while the agent runs after the wrapper is SIGKILLed, and cleans it up after', async () => {
    const repo = makeRepo();
    const holder = startBin(BIN.claudeParallel, ['holder'], { env, cwd: repo });
    await waitFor(() => report('holder'), 15_000, 'holder');
    const orphan = startBin(BIN.claudeParallel, ['orphan'], { env, cwd: repo });
    const agent = await waitFor(() => report('orphan'), 15_000, 'orphan');
    orphan.child.kill('SIGKILL');
    await orphan.exited;
    expect(isRunning(agent.pid)).toBe(true);

    const status = pccJson<{ sessions: Array<{ sessionId: string; state: string; agentPid: number }> }>(['status'], { env });
    expect(status.sessions.find((s) => s.sessionId === agent.session)).toMatchObject({ state: 'live', agentPid: agent.pid });
    expect(pcc(['cleanup'], { env }).stdout).toBe('Nothing to clean up.\n');
    expect(fs.existsSync(agent.cwd)).toBe(true);

    process.kill(agent.pid, 'SIGKILL');
    await waitFor(() => !isRunning(agent.pid), 5000, 'agent to die');
    const cleanup = pccJson<{ results: Array<{ sessionId: string; status: string }> }>(['cleanup'], { env });
    expect(cleanup.results).toEqual([expect.objectContaining({ sessionId: agent.session, status: 'done' })]);
    expect(fs.existsSync(agent.cwd)).toBe(false);

    fs.writeFileSync(path.join(out, 'go'), '');
    expect((await holder.exited).code).toBe(0);
  });
});
