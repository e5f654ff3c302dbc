import type { IncomingMessage } from 'node:http';
import { tokenMatches } from './token';

/** Where a request's token may come from, and what a request that fails the checks gets. */
export type GuardVerdict =
  | { ok: true; fromQuery: boolean }
  | { ok: false; status: 403 | 421; reason: string };

/** The cookie that carries the token after the page was opened with `?token=`, one per port. */
export function cookieName(port: number): string {
  return `pcc_dashboard_${port}`;
}

/** The value of cookie `name` in a `Cookie` header, if any. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Checks one request: its `Host` must name this server by loopback address and port
 * (`127.0.0.1:PORT` or `localhost:PORT`, so that a rebound DNS name cannot reach it), and it
 * must carry the token as `?token=`, the `X-Parallel-CC-Token` header, `Authorization: Bearer`
 * or the port's cookie.
 */
export function guardRequest(request: IncomingMessage, url: URL, port: number, token: string): GuardVerdict {
  const host = request.headers.host;
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    return { ok: false, status: 421, reason: `Host "${host ?? ''}" is not 127.0.0.1:${port} or localhost:${port}` };
  }
  const query = url.searchParams.get('token');
  if (query !== null) return tokenMatches(token, query) ? { ok: true, fromQuery: true } : { ok: false, status: 403, reason: 'wrong token' };
  const header = request.headers['x-parallel-cc-token'];
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const offered = (typeof header === 'string' ? header : undefined) ?? bearer ?? cookieValue(request.headers.cookie, cookieName(port));
  if (offered === undefined) return { ok: false, status: 403, reason: 'no token' };
  return tokenMatches(token, offered) ? { ok: true, fromQuery: false } : { ok: false, status: 403, reason: 'wrong token' };
}
