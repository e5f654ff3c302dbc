import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventStreams } from './event-stream';
import { cookieName, guardRequest } from './request-guard';
import { SECURITY_HEADERS } from './security-headers';
import type { LiveStateSource } from './state-source';
import { loadStaticFiles } from './static-files';
import { createToken } from './token';

/** What `startDashboardServer` needs. */
export interface DashboardServerOptions {
  /** Where the state comes from (see `liveStateSource`). */
  source: LiveStateSource;
  /** The built page (`index.html`, `app.js`, …); see `dashboardAssetsDir` of `@parallel-cc/dashboard`. */
  assetsDir: string;
  /** The port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The token; a new random one by default. */
  token?: string;
  /** Milliseconds between heartbeat comments on event streams (default 15 s). */
  heartbeatMs?: number;
}

/** A running dashboard server. */
export interface DashboardServer {
  /** The page's address with its token: `http://127.0.0.1:PORT/?token=…`. */
  url: string;
  port: number;
  token: string;
  /** Stops watching, ends the event streams and closes the server. */
  close(): Promise<void>;
}

/**
 * Starts the dashboard's server on 127.0.0.1 (never another interface): the page, `GET
 * /api/state`, `GET /api/events` (server-sent events: the whole state, then each change) and `GET
 * /api/health`; nothing else, and nothing that changes anything. Every request must name this
 * server in `Host` and carry the token.
 */
export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const token = options.token ?? createToken();
  const files = loadStaticFiles(options.assetsDir);
  const streams = new EventStreams(options.heartbeatMs ?? 15_000);
  let port = 0;

  const send = (response: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}) => {
    response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, ...extra });
    response.end(body);
  };
  const sendJson = (response: http.ServerResponse, status: number, value: unknown) =>
    send(response, status, `${JSON.stringify(value)}\n`, 'application/json; charset=utf-8');

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const verdict = guardRequest(request, url, port, token);
    if (!verdict.ok) return sendJson(response, verdict.status, { error: verdict.reason });
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return sendJson(response, 405, { error: `${method} is not allowed` });
    if (url.pathname === '/api/health') return sendJson(response, 200, { ok: true, pid: process.pid, streams: streams.size });
    if (url.pathname === '/api/state') return sendJson(response, 200, await options.source.read());
    if (url.pathname === '/api/events') {
      const initial = await options.source.read();
      return streams.open(response, initial);
    }
    const file = files.get(url.pathname);
    if (!file) return sendJson(response, 404, { error: `no such page: ${url.pathname}` });
    if (verdict.fromQuery && url.pathname === '/') {
      // The token moves into a cookie and out of the address bar (and the browser's history).
      return send(response, 303, '', 'text/plain', {
        'Set-Cookie': `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
      });
    }
    return send(response, 200, method === 'HEAD' ? '' : file.body, file.type);
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: error instanceof Error ? error.message : String(error) });
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const watcher = options.source.watch((change) => streams.send('change', change));

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      await watcher.close();
      streams.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
