// Helpers shared by this lib's tests (not a test file itself: jest only runs *.test.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { registerSession } from '@parallel-cc/core-sessions';
import type { Registration } from '@parallel-cc/core-sessions';
import { makeRepo, makeTempHome, removeTempDirs, startTrackedProcess, stopTrackedProcesses, writeFiles } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { openRunnerCoordinator } from '../src';
import type { RunnerCoordinator } from '../src';

/** A fresh database with e2b-runner's table, in a fresh temp home. */
export async function openFresh(): Promise<{ home: TempHome; coordinator: RunnerCoordinator }> {
  const home = makeTempHome();
  return { home, coordinator: await openRunnerCoordinator(home.env) };
}

/** Registers a new live process in `repo` as a run's session: its own worktree, always. */
export async function registerRunSession(
  coordinator: RunnerCoordinator,
  repo: string,
  home: TempHome,
): Promise<Registration & { process: LiveProcess }> {
  const process = startTrackedProcess();
  const registration = await registerSession(coordinator, { repo, pid: process.pid, env: home.env, placement: 'worktree' });
  return { ...registration, process };
}

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string; data?: Record<string, unknown> }> {
  const outcome = await promise.then(
    (value: unknown) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.resolved)}`);
  return outcome.error as Error & { code?: string };
}

/** The error `fn` throws; fails the test when it returns. */
export function thrownBy(fn: () => unknown): Error & { code?: string; data?: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a throw');
}

/** Resolves once `check()` is true (polling), or fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A prompt no shell string survives unquoted: quotes, `$`, backticks, backslashes, newlines, a glob, UTF-8. */
export const NASTY_PROMPT =
  `Fix "the bug" in it's parser: \`rm -rf /\` $(whoami) $HOME \${PATH} 'single' "double" \\n \\\\ ; | & > < * ? [a-z] ~ #\n` +
  `second line\twith tab\r\n  indented — ünïcødé 🚀\n'\n"\n$\n\`\n`;

/** Ends every tracked process and removes temp folders: call in afterEach/afterAll. */
export async function cleanUp(): Promise<void> {
  await stopTrackedProcesses();
  removeTempDirs();
}

/** A repository holding every kind of file an upload must tell apart (one tracked file deleted from the disk). */
export function credentialRepo(): string {
  const repo = makeRepo({
    'README.md': '# app\n',
    'src/index.ts': 'export const x = 1;\n',
    '.gitignore': 'ignored.log\nbuild/\n',
    '.e2bignore': '# never upload\nprivate-data/\n*.sqlite\n',
    // Committed by mistake, as happens: tracked credentials are excluded too.
    '.env': 'API_KEY=committed\n',
    '.env.example': 'API_KEY=\n',
    'certs/server.pem': '-----BEGIN PRIVATE KEY-----\n',
    '.npmrc': '//registry.npmjs.org/:_authToken=npm_x\n',
    'old.txt': 'deleted below\n',
  });
  writeFiles(repo, {
    'config/.env.production': 'DB_PASSWORD=x\n',
    id_rsa: '-----BEGIN OPENSSH PRIVATE KEY-----\n',
    '.aws/credentials': '[default]\naws_secret_access_key=x\n',
    'private-data/customers.csv': 'a,b\n',
    'db/dev.sqlite': 'x',
    'notes.md': 'untracked, not ignored\n',
    'ignored.log': 'gitignored\n',
    'build/out.js': 'gitignored folder\n',
    'sp ace/quote\'s "file".txt': 'odd name\n',
  });
  fs.rmSync(path.join(repo, 'old.txt'));
  return repo;
}
