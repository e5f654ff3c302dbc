import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The built bins, run as a user runs them (npm links these files). */
export const BIN = {
  pcc: path.resolve(__dirname, '../bin/parallel-cc.js'),
  claudeParallel: path.resolve(__dirname, '../bin/claude-parallel.js'),
};

beforeAll(() => {
  if (!fs.existsSync(path.resolve(__dirname, '../dist/bin/parallel-cc.js'))) {
    throw new Error('apps/cli is not built: run `npx nx run cli:build` (npm test builds first)');
  }
});

/** What a finished command printed and how it exited. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `parallel-cc args` to completion. */
export function pcc(args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): RunResult {
  const result = spawnSync(process.execPath, [BIN.pcc, ...args], {
    env: options.env,
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `parallel-cc args --json` and parses stdout, failing with stderr when it did not exit 0. */
export function pccJson<T = Record<string, unknown>>(args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): T {
  const result = pcc([...args, '--json'], options);
  if (result.code !== 0) throw new Error(`parallel-cc ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

const started: ChildProcess[] = [];

/** Ends every process {@link startBin} started that still runs (SIGTERM: wrappers pass it to their agents). */
export async function stopStartedBins(): Promise<void> {
  const running = started.splice(0).filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(
    running.map(
      (c) =>
        new Promise<void>((resolve) => {
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
        }),
    ),
  );
}

afterEach(() => stopStartedBins());

/** Starts a bin in the background, collecting its output; `exited` resolves with code and signal. */
export function startBin(file: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }) {
  const child = spawn(process.execPath, [file, ...args], { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => ({ stdout, stderr }) };
}

/** Polls `check` every 50 ms until it returns a value, or fails after `ms` naming `what` (a function: computed at the failure). */
export async function waitFor<T>(check: () => T | undefined | false | null, ms = 15_000, what: string | (() => string) = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The rows of the coordinator database, read directly (what the user's registry really holds). */
export function sessionRows(pccHome: string): Array<Record<string, unknown>> {
  const file = path.join(pccHome, 'coordinator.db');
  if (!fs.existsSync(file)) return [];
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('select * from sessions order by created_at').all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

/** Whether a process runs. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
