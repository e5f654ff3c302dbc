import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFiles, git, makeRepo, makeTempHome, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';

const WATCHER = path.resolve(__dirname, '../bin/parallel-cc-watcher.js');
const PCC = path.resolve(__dirname, '../../cli/bin/parallel-cc.js');

let home: TempHome;
const live: LiveProcess[] = [];
const running: ChildProcess[] = [];

beforeAll(() => {
  for (const built of ['../dist/bin/parallel-cc-watcher.js', '../../cli/dist/bin/parallel-cc.js']) {
    if (!fs.existsSync(path.resolve(__dirname, built))) throw new Error(`${built} is not built: run npx nx run watcher:build`);
  }
});
beforeEach(() => {
  home = makeTempHome();
});
afterEach(async () => {
  await Promise.all(live.splice(0).map((p) => p.kill()));
  // Watchers a failed test left running.
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(() => removeTempDirs());

function startWatcher(args: string[] = ['--interval', '1'], bin = WATCHER) {
  const child = spawn(process.execPath, [bin, ...args], { env: home.env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.on('exit', (code) => resolve({ code, at: Date.now() })));
  return { child, exited, stderr: () => stderr, stdout: () => stdout };
}

async function until<T>(check: () => T | undefined | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Whole lines only: the last one may still be arriving.
const logLines = (text: string) =>
  text
    .split('\n')
    .slice(0, -1)
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('parallel-cc-watcher', () => {
  it('runs rounds, refuses a second instance, reports its health and stops within 2 s of SIGTERM', async () => {
    const watcher = startWatcher();
    await until(() => logLines(watcher.stderr()).some((e) => typeof e.round === 'number'));

    const second = spawnSync(process.execPath, [WATCHER], { env: home.env, encoding: 'utf8', timeout: 20_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`already running .*PID ${watcher.child.pid}`));

    const status = spawnSync(process.execPath, [WATCHER, '--status', '--json'], { env: home.env, encoding: 'utf8' });
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ healthy: true, pid: watcher.child.pid, state: 'running' });

    const sent = Date.now();
    watcher.child.kill('SIGTERM');
    const ended = await watcher.exited;
    expect(ended.code).toBe(0);
    expect(ended.at - sent).toBeLessThan(2000);
    expect(logLines(watcher.stderr()).at(-1)).toMatchObject({ event: 'stop' });
    expect(spawnSync(process.execPath, [WATCHER, '--status'], { env: home.env }).status).toBe(1);
    // The lock went with it: a new watcher starts.
    const again = startWatcher();
    await until(() => logLines(again.stderr()).some((e) => e.event === 'start'));
    again.child.kill('SIGINT');
    expect((await again.exited).code).toBe(0);
  });

  it('takes the same lock as `parallel-cc watch-merges`: while either runs, the other is refused, naming it', async () => {
    const cli = startWatcher(['watch-merges', '--interval', '1'], PCC);
    await until(() => cli.stdout().includes('Ctrl-C stops.'));
    const service = spawnSync(process.execPath, [WATCHER], { env: home.env, encoding: 'utf8', timeout: 20_000 });
    expect(service.status).toBe(1);
    expect(service.stderr).toMatch(new RegExp(`already running .*PID ${cli.child.pid}`));
    cli.child.kill('SIGINT');
    expect((await cli.exited).code).toBe(0);

    const watcher = startWatcher();
    await until(() => logLines(watcher.stderr()).some((e) => e.event === 'start'));
    const second = spawnSync(process.execPath, [PCC, 'watch-merges', '--interval', '1'], { env: home.env, encoding: 'utf8', timeout: 20_000 });
    expect(second.status).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(new RegExp(`^parallel-cc: A watcher is already running for .*\\(PID ${watcher.child.pid}, since .*\\); stop it first\\.\n$`));
    watcher.child.kill('SIGTERM');
    expect((await watcher.exited).code).toBe(0);
  });

  it('usage mistakes exit 2 and failures 1, each with one line and no stack', () => {
    for (const args of [['--interval', '0'], ['--bogus'], ['--interval', 'soon']]) {
      const run = spawnSync(process.execPath, [WATCHER, ...args], { env: home.env, encoding: 'utf8' });
      expect({ args, status: run.status, lines: run.stderr.trimEnd().split('\n').length }).toEqual({ args, status: 2, lines: 1 });
      expect(run.stderr).toMatch(/^parallel-cc-watcher: /);
    }
    const file = path.join(home.pccHome, '..', 'not-a-folder');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '');
    const failed = spawnSync(process.execPath, [WATCHER, '--interval', '1'], { env: { ...home.env, PARALLEL_CC_HOME: file }, encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/^parallel-cc-watcher: .*not-a-folder/);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
  });

  it('a watcher killed by SIGKILL leaves no lock that stops the next one', async () => {
    const killed = startWatcher();
    await until(() => logLines(killed.stderr()).some((e) => typeof e.round === 'number'));
    killed.child.kill('SIGKILL');
    await killed.exited;
    const dead = spawnSync(process.execPath, [WATCHER, '--status'], { env: home.env, encoding: 'utf8' });
    expect(dead).toMatchObject({ status: 1, stdout: expect.stringMatching(new RegExp(`^not healthy: watcher PID ${killed.child.pid} gone \\(its process ended without stopping`)) });

    const next = startWatcher();
    await until(() => logLines(next.stderr()).some((e) => typeof e.round === 'number'));
    const status = spawnSync(process.execPath, [WATCHER, '--status', '--json'], { env: home.env, encoding: 'utf8' });
    expect(JSON.parse(status.stdout)).toMatchObject({ healthy: true, pid: next.child.pid, state: 'running' });
    next.child.kill('SIGTERM');
    expect((await next.exited).code).toBe(0);
  });

  it('delivers a subscription’s merge notification through the next hook call', async () => {
    const repo = makeRepo({ 'a.ts': 'export const a = 1;\n' });
    const pcc = (...args: string[]) => execFileSync(process.execPath, [PCC, ...args], { env: home.env, encoding: 'utf8' });
    const holder = startLiveProcess();
    const worker = startLiveProcess();
    const waiter = startLiveProcess();
    live.push(holder, worker, waiter);
    pcc('register', '--repo', repo, '--pid', String(holder.pid), '--json');
    const work = JSON.parse(pcc('register', '--repo', repo, '--pid', String(worker.pid), '--json'));
    const wait = JSON.parse(pcc('register', '--repo', repo, '--pid', String(waiter.pid), '--json'));
    pcc('subscribe', '--branch', work.branch, '--session-id', wait.sessionId);

    commitFiles(work.worktreePath, { 'b.ts': 'export const b = 2;\n' }, 'work');
    git(repo, 'merge', '--squash', work.branch);
    git(repo, 'commit', '-q', '-m', 'squash merge');

    const watcher = startWatcher();
    await until(() => logLines(watcher.stderr()).some((e) => Array.isArray(e.events) && e.events.length > 0));
    watcher.child.kill('SIGTERM');
    await watcher.exited;

    const hookInput = JSON.stringify({ session_id: 'c', cwd: wait.worktreePath, hook_event_name: 'PostToolUse', tool_name: 'Edit' });
    const hook = (sessionId: string) =>
      execFileSync(process.execPath, [PCC, 'hook', 'post-tool-use'], {
        env: { ...home.env, PARALLEL_CC_SESSION_ID: sessionId },
        input: hookInput,
        encoding: 'utf8',
      });
    const told = JSON.parse(hook(wait.sessionId));
    expect(told.hookSpecificOutput.additionalContext).toContain(`${work.branch} was merged into main`);
    expect(hook(wait.sessionId)).toBe('');
  });
});
