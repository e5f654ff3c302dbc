import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { makeRepo, makeTempDir, makeTempHome, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { BIN, pcc, pccJson, startBin, waitFor } from './support';

let home: TempHome;
const live: LiveProcess[] = [];
beforeEach(() => {
  home = makeTempHome();
});
afterEach(async () => {
  await Promise.all(live.splice(0).map((p) => p.kill()));
});
afterAll(() => removeTempDirs());

interface Served {
  url: string;
  port: number;
  pid: number;
  servedBy: string;
  reused: boolean;
}

function get(port: number, pathname: string, token: string | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = token === null ? {} : { 'X-Parallel-CC-Token': token };
    http
      .get({ host: '127.0.0.1', port, path: pathname, headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('parallel-cc dashboard', () => {
  it('serves the home on 127.0.0.1 with a token, is reused by a second run, and stops on Ctrl-C', async () => {
    const repo = makeRepo();
    const agent = startLiveProcess();
    live.push(agent);
    const { sessionId } = pccJson<{ sessionId: string }>(['register', '--repo', repo, '--pid', String(agent.pid)], { env: home.env });

    const server = startBin(BIN.pcc, ['dashboard', '--json'], { env: home.env });
    const line = await waitFor(() => server.output().stdout.split('\n')[0] || null, 30_000, () => `the address (stderr: ${server.output().stderr})`);
    const served = JSON.parse(line) as Served;
    expect(served).toMatchObject({ port: expect.any(Number), pid: server.child.pid, servedBy: 'cli', reused: false });
    expect(served.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${served.port}/\\?token=[A-Za-z0-9_-]{43}$`));
    const token = new URL(served.url).searchParams.get('token');

    expect((await get(served.port, '/api/state', null)).status).toBe(403);
    const state = await get(served.port, '/api/state', token);
    expect(state.status).toBe(200);
    expect((JSON.parse(state.body) as { repositories: Array<{ sessions: Array<{ sessionId: string }> }> }).repositories[0]!.sessions[0]!.sessionId).toBe(sessionId);

    const again = pcc(['dashboard'], { env: home.env });
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toBe(`A dashboard already serves this home (parallel-cc dashboard, PID ${served.pid}):\n${served.url}\n`);
    expect(pccJson<Served>(['dashboard'], { env: home.env })).toEqual({ ...served, startedAt: expect.any(String), reused: true });
    const busy = pcc(['dashboard', '--port', String(served.port === 65_535 ? 1 : served.port + 1)], { env: home.env });
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain(`A dashboard already serves this home at port ${served.port}`);

    server.child.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(path.join(home.pccHome, 'dashboard.json'))).toBe(false);
  });

  it('--open hands the address to the system\u2019s opener as one argument (no shell)', async () => {
    const bin = makeTempDir();
    const record = path.join(bin, 'opened.txt');
    // A stand-in xdg-open that writes down its arguments, one a line.
    fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a" >> '${record}'; done\n`, { mode: 0o755 });
    const env = { ...home.env, PATH: `${bin}${path.delimiter}${home.env.PATH ?? ''}` };
    const server = startBin(BIN.pcc, ['dashboard', '--open', '--json'], { env });
    const served = JSON.parse(await waitFor(() => server.output().stdout.split('\n')[0] || null, 30_000, 'the address')) as Served;
    const opened = await waitFor(() => fs.existsSync(record) && fs.readFileSync(record, 'utf8'), 15_000, 'xdg-open to run');
    expect(opened).toBe(`${served.url}\n`);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('a port that is not one is a usage error naming it; nothing starts', () => {
    for (const bad of ['0', '70000', 'abc', '1.5']) {
      const result = pcc(['dashboard', '--port', bad], { env: home.env });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--port');
    }
    expect(fs.existsSync(path.join(home.pccHome, 'dashboard.json'))).toBe(false);
  });

  it('stays out of status and the hooks: their bundle holds none of it, and status never loads it', () => {
    const bundle = fs.readFileSync(path.resolve(__dirname, '../dist/bin/parallel-cc.js'), 'utf8');
    expect(bundle).toContain('require("@parallel-cc/dashboard-server")');
    expect(bundle).not.toContain('pcc_dashboard_');
    expect(fs.readFileSync(path.resolve(__dirname, '../dist/bin/edit-guard.js'), 'utf8')).not.toContain('dashboard-server');
    // A preload that writes down every module the process loads.
    const dir = makeTempDir();
    const loaded = path.join(dir, 'loaded.txt');
    const preload = path.join(dir, 'record-loads.js');
    fs.writeFileSync(
      preload,
      `const Module = require('module'); const fs = require('fs'); const load = Module._load;\nModule._load = function (request, ...rest) { fs.appendFileSync(${JSON.stringify(loaded)}, request + '\\n'); return load.call(this, request, ...rest); };\n`,
    );
    const env = { ...home.env, NODE_OPTIONS: `--require ${preload}` };
    expect(pcc(['status', '--json'], { env }).code).toBe(0);
    const hook = JSON.stringify({ session_id: 's', cwd: dir, hook_event_name: 'PostToolUse', tool_name: 'Edit' });
    const spawned = spawnSync(process.execPath, [BIN.pcc, 'hook', 'post-tool-use'], { env, input: hook, encoding: 'utf8' });
    expect(spawned.status).toBe(0);
    const modules = fs.readFileSync(loaded, 'utf8');
    expect(modules).toContain('better-sqlite3');
    expect(modules).not.toContain('dashboard');
  });
});
