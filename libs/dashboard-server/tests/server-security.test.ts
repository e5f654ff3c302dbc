import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import { makeRepo, removeTempDirs, stopTrackedProcesses } from '@parallel-cc/test-utils';
import { dashboardFile, findRunningDashboard, serveDashboard } from '../src';
import type { ServedDashboard } from '../src';
import { freshHome, registerLive, request } from './support';

afterEach(() => stopTrackedProcesses());
afterAll(() => removeTempDirs());

let served: Extract<ServedDashboard, { reused: false }>;
let token: string;
let port: number;
let env: NodeJS.ProcessEnv;
let sessionId: string;

beforeAll(async () => {
  const { home, coordinator } = await freshHome();
  env = home.env;
  sessionId = (await registerLive(coordinator, makeRepo(), home)).sessionId;
  await coordinator.close();
  const result = await serveDashboard({ env, servedBy: 'cli' });
  if (result.reused) throw new Error('a fresh home had a dashboard already');
  served = result;
  port = served.record.port;
  token = new URL(served.record.url).searchParams.get('token') ?? '';
});
afterAll(() => served?.close());

const host = () => `127.0.0.1:${port}`;

describe('the dashboard server', () => {
  test('prints a loopback URL with a long random token', () => {
    expect(served.record.url).toBe(`http://127.0.0.1:${port}/?token=${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test('no token or a wrong one: 403 on every path, the page included', async () => {
    for (const path of ['/', '/index.html', '/app.js', '/api/state', '/api/events', '/api/health', '/nothing']) {
      expect((await request(port, path, { Host: host() })).status).toBe(403);
      expect((await request(port, `${path}?token=${token.slice(1)}x`, { Host: host() })).status).toBe(403);
      expect((await request(port, path, { Host: host(), 'X-Parallel-CC-Token': 'wrong' })).status).toBe(403);
      expect((await request(port, path, { Host: host(), Cookie: `pcc_dashboard_${port}=wrong` })).status).toBe(403);
    }
  });

  test('a Host other than 127.0.0.1:PORT or localhost:PORT is refused, token or not (DNS rebinding)', async () => {
    for (const bad of [`evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `localhost.evil.example:${port}`, `[::1]:${port}`]) {
      const reply = await request(port, '/api/state', { Host: bad, 'X-Parallel-CC-Token': token });
      expect(reply.status).toBe(421);
      expect(reply.body).not.toContain('repositories');
    }
    // No Host at all: Node's own parser refuses the request (400) before it reaches the server.
    expect([400, 421]).toContain((await request(port, '/api/state', { 'X-Parallel-CC-Token': token })).status);
    expect((await request(port, '/api/health', { Host: `localhost:${port}`, 'X-Parallel-CC-Token': token })).status).toBe(200);
  });

  test('GET /api/state answers the live state as JSON, with the token in a header, a bearer or the query', async () => {
    for (const auth of [{ 'X-Parallel-CC-Token': token }, { Authorization: `Bearer ${token}` }] as Array<Record<string, string>>) {
      const reply = await request(port, '/api/state', { Host: host(), ...auth });
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
      const state = JSON.parse(reply.body) as { repositories: Array<{ sessions: Array<{ sessionId: string }> }>; timeline: unknown[]; sandboxRuns: unknown[] };
      expect(state.repositories.flatMap((r) => r.sessions.map((s) => s.sessionId))).toEqual([sessionId]);
      expect(state.timeline).toEqual([]);
      expect(state.sandboxRuns).toEqual([]);
    }
    expect((await request(port, `/api/state?token=${token}`, { Host: host() })).status).toBe(200);
  });

  test('the page: ?token= sets an HttpOnly, SameSite=Strict cookie for this port and leaves the address bar; the cookie then serves the page', async () => {
    const first = await request(port, `/?token=${token}`, { Host: host() });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(first.headers['set-cookie']).toEqual([`pcc_dashboard_${port}=${token}; HttpOnly; SameSite=Strict; Path=/`]);
    const cookie = { Host: host(), Cookie: `other=1; pcc_dashboard_${port}=${token}` };
    const page = await request(port, '/', cookie);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<script defer src="/app.js"></script>');
    const script = await request(port, '/app.js', cookie);
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    // Nothing is loaded from elsewhere: the page works offline.
    expect(page.body).not.toMatch(/https?:\/\//);
    expect((await request(port, '/styles.css', cookie)).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  test('no CORS: no Access-Control header on any answer, even to a request with an Origin', async () => {
    const origin = { Host: host(), Origin: 'http://evil.example', 'X-Parallel-CC-Token': token };
    for (const [path, method] of [['/api/state', 'GET'], ['/api/state', 'OPTIONS'], ['/', 'GET'], ['/app.js', 'GET'], ['/api/state', 'POST']] as const) {
      const reply = await request(port, path, origin, method);
      expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
      expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
    }
  });

  test('only GET and HEAD; only the built files; nothing from a path is ever read from disk', async () => {
    const auth = { Host: host(), 'X-Parallel-CC-Token': token };
    expect((await request(port, '/api/state', auth, 'POST')).status).toBe(405);
    expect((await request(port, '/api/state', auth, 'DELETE')).status).toBe(405);
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/etc/passwd', '/index.js', '/public/index.html']) {
      expect((await request(port, path, auth)).status).toBe(404);
    }
    expect((await request(port, '/index.html', auth, 'HEAD')).status).toBe(200);
  });

  test('listens on 127.0.0.1 only: not on the other interfaces of this machine', async () => {
    // A link-local IPv6 address is reachable only through its interface (`fe80::1%eth0`).
    const others = Object.entries(os.networkInterfaces()).flatMap(([name, addresses]) =>
      (addresses ?? []).filter((a) => !a.internal).map((a) => (a.family === 'IPv6' && a.scopeid ? `${a.address}%${name}` : a.address)),
    );
    for (const address of [...others, '::1']) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: address, port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect([address, outcome]).toEqual([address, expect.stringMatching(/^(ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH|EHOSTUNREACH)$/)]);
    }
  });

  test('one server per home: recorded in dashboard.json (mode 0600), found and reused; another port is refused', async () => {
    const file = dashboardFile(env);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ url: served.record.url, port, pid: process.pid, servedBy: 'cli' });
    expect(await findRunningDashboard(env)).toMatchObject({ url: served.record.url });
    const again = await serveDashboard({ env, servedBy: 'watcher' });
    expect(again).toMatchObject({ reused: true, record: { url: served.record.url } });
    await expect(serveDashboard({ env, servedBy: 'cli', port: port === 65_535 ? 1 : port + 1 })).rejects.toMatchObject({ code: 'ALREADY_RUNNING' });
  });

  test('a port that is not a port is INVALID_INPUT, naming it; nothing starts', async () => {
    for (const bad of [-1, 70_000, 1.5]) {
      await expect(serveDashboard({ env, servedBy: 'cli', port: bad })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(String(bad)) });
    }
  });
});
