import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { makeTempHome, removeTempDirs } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';

const WATCHER = path.resolve(__dirname, '../bin/parallel-cc-watcher.js');
const PCC = path.resolve(__dirname, '../../cli/bin/parallel-cc.js');

let home: TempHome;
const running: ChildProcess[] = [];

beforeEach(() => {
  home = makeTempHome();
});
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(() => removeTempDirs());

function startWatcher(args: string[]) {
  const child = spawn(process.execPath, [WATCHER, ...args], { env: home.env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

async function until<T>(check: () => T | undefined | false | null, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const logLines = (text: string) =>
  text
    .split('\n')
    .slice(0, -1)
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

function health(port: number, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/api/health', headers: { 'X-Parallel-CC-Token': token } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

describe('the watcher serves the dashboard', () => {
  it('while it runs: recorded for the home, logged without its token, reused by parallel-cc dashboard, gone when it stops', async () => {
    const watcher = startWatcher(['--interval', '1']);
    const logged = await until(() => logLines(watcher.stderr()).find((l) => l.event === 'dashboard'), 'the dashboard log line');
    const file = path.join(home.pccHome, 'dashboard.json');
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as { url: string; port: number; pid: number; servedBy: string };
    expect(record).toMatchObject({ pid: watcher.child.pid, servedBy: 'watcher', port: logged.port });
    expect(logged).toMatchObject({ reused: false, file });
    const token = new URL(record.url).searchParams.get('token') ?? '';
    expect(watcher.stderr()).not.toContain(token);
    expect(await health(record.port, token)).toBe(200);

    const cli = spawnSync(process.execPath, [PCC, 'dashboard', '--json'], { env: home.env, encoding: 'utf8' });
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ url: record.url, servedBy: 'watcher', reused: true });

    watcher.child.kill('SIGTERM');
    expect(await watcher.exited).toBe(0);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('--no-dashboard leaves it out', async () => {
    const watcher = startWatcher(['--interval', '1', '--no-dashboard']);
    await until(() => logLines(watcher.stderr()).find((l) => l.event === 'round' || l.event === 'start'), 'the watcher to start');
    watcher.child.kill('SIGTERM');
    expect(await watcher.exited).toBe(0);
    expect(logLines(watcher.stderr()).some((l) => String(l.event).startsWith('dashboard'))).toBe(false);
    expect(fs.existsSync(path.join(home.pccHome, 'dashboard.json'))).toBe(false);
  });
});
