// Helpers shared by this lib's tests (not a test file itself: jest only runs *.test.ts).
import * as http from 'node:http';
import { conflictEngineMigrations } from '@parallel-cc/conflict-engine';
import { openCoordinator, registerSession } from '@parallel-cc/core-sessions';
import type { Coordinator, Registration } from '@parallel-cc/core-sessions';
import { e2bRunnerMigrations } from '@parallel-cc/e2b-runner';
import { mergeDetectorMigrations } from '@parallel-cc/merge-detector';
import { makeTempHome, startTrackedProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';

/** A fresh temp home and its coordinator, opened with every lib's tables. */
export async function freshHome(): Promise<{ home: TempHome; coordinator: Coordinator }> {
  const home = makeTempHome();
  const coordinator = await openCoordinator({ env: home.env, migrations: [mergeDetectorMigrations, conflictEngineMigrations, e2bRunnerMigrations] });
  return { home, coordinator };
}

/** Registers a session of a new live process in `repo`: the main checkout first, worktrees after. */
export async function registerLive(coordinator: Coordinator, repo: string, home: TempHome): Promise<Registration & { process: LiveProcess }> {
  const process = startTrackedProcess();
  return { ...(await registerSession(coordinator, { repo, pid: process.pid, env: home.env })), process };
}

/** What a request got back. */
export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request to 127.0.0.1:`port`, with exactly the headers given (Host included). */
export function request(port: number, path: string, headers: Record<string, string>, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, setHost: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** One server-sent event. */
export interface ServerEvent {
  event: string;
  data: unknown;
}

/** An open `/api/events` stream: every event received so far, and how to close it. */
export interface EventStreamClient {
  events: ServerEvent[];
  comments: string[];
  close(): void;
}

/** Opens `/api/events` with the token in a header and collects what arrives (parsed as EventSource would). */
export function openEventStream(port: number, token: string): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const events: ServerEvent[] = [];
    const comments: string[] = [];
    const req = http.get({ host: '127.0.0.1', port, path: '/api/events', headers: { 'X-Parallel-CC-Token': token } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`/api/events answered ${response.statusCode}`));
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) events.push({ event, data: JSON.parse(data.join('\n')) as unknown });
        }
      });
      resolve({ events, comments, close: () => req.destroy() });
    });
    req.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
  });
}

/** Resolves once `check` holds, polling; fails after `timeoutMs` naming `what`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
