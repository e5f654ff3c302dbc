// Twenty `register` processes started at one moment on a brand-new database. Child processes
// run plain node, so they load the built library (libs/*/dist): the `test` target builds it first.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRepo, makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { openCoordinator, sessionStatus } from '../src';
import type { Registration, RetireResult } from '../src';
import { CORE_MIGRATIONS, branchOf, cleanHome, hasBranch, listedWorktrees, liveProcess, localBranches, sessionRows, stopLiveProcesses, waitFor } from './support';

const RACERS = 20;
const LIBS = path.resolve(__dirname, '..', '..');

afterAll(async () => {
  await stopLiveProcesses();
  removeTempDirs();
});

/**
 * The built entry of a lib (the racers are plain node processes). The test target builds first;
 * run `npx nx run core-sessions:test` rather than jest alone after changing sources.
 */
function builtEntry(lib: string): string {
  const entry = path.join(LIBS, lib, 'dist', 'index.js');
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npx nx run ${lib}:build\` first.`);
  return entry;
}

const CHILD = `
const fs = require('fs');
const [coreEntry, worktreeEntry, mode, repo, pid, go] = process.argv.slice(2);
const core = require(coreEntry);
require(worktreeEntry); // loaded now, so that every racer starts from the same line
process.stdout.write('ready\\n');
const started = new Promise((resolve) => {
  const timer = setInterval(() => { if (fs.existsSync(go)) { clearInterval(timer); resolve(); } }, 2);
});
started
  .then(async () => {
    const coordinator = await core.openCoordinator({ env: process.env });
    try {
      const result =
        mode === 'register'
          ? await core.registerSession(coordinator, { repo, pid: Number(pid), env: process.env })
          : await core.releaseSession(coordinator, { pid: Number(pid) }, { env: process.env });
      process.stdout.write(JSON.stringify(result) + '\\n');
    } finally {
      await coordinator.close();
    }
  })
  .catch((error) => {
    process.stderr.write(String(error && error.code) + ' ' + String(error && error.stack) + '\\n');
    process.exit(1);
  });
`;

interface Racer {
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
}

/**
 * Starts one child per PID running `mode` (register or release), waits until every child has
 * loaded the library, then lets them all go at once. Returns each child's parsed JSON answer.
 */
async function race<T>(mode: 'register' | 'release', repo: string, pids: number[], env: NodeJS.ProcessEnv, beforeGo?: () => void): Promise<T[]> {
  const coreEntry = builtEntry('core-sessions');
  const worktreeEntry = builtEntry('worktree-gtr');
  const dir = makeTempDir('pcc-race-');
  const script = path.join(dir, 'racer.js');
  const go = path.join(dir, 'go');
  fs.writeFileSync(script, CHILD);
  const racers: Racer[] = pids.map((pid) => {
    const child = spawn(process.execPath, [script, coreEntry, worktreeEntry, mode, repo, String(pid), go], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const racer: Racer = { stdout: '', stderr: '', exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
    child.stdout.on('data', (d: Buffer) => (racer.stdout += String(d)));
    child.stderr.on('data', (d: Buffer) => (racer.stderr += String(d)));
    return racer;
  });
  await waitFor(() => racers.every((r) => r.stdout.startsWith('ready\n')) || racers.some((r) => r.stderr !== ''), 'every racer to load', 40_000);
  expect(racers.map((r) => r.stderr).filter(Boolean)).toEqual([]);
  beforeGo?.();
  fs.writeFileSync(go, '');
  const codes = await Promise.all(racers.map((r) => r.exited));
  expect(racers.map((r) => r.stderr).filter(Boolean)).toEqual([]);
  expect(codes).toEqual(pids.map(() => 0));
  return racers.map((r) => JSON.parse(r.stdout.split('\n')[1] ?? 'null') as T);
}

describe('twenty processes at once on one repository', () => {
  const home = cleanHome();
  const dbFile = path.join(home.pccHome, 'coordinator.db');
  let repo: string;
  let pids: number[];
  let registrations: Registration[] = [];

  it('register: twenty rows, one main checkout session and nineteen worktrees, without errors', async () => {
    repo = makeRepo({ 'README.md': '# race\n', 'src/index.js': 'x\n' });
    pids = Array.from({ length: RACERS }, () => liveProcess().pid);
    registrations = await race<Registration>('register', repo, pids, home.env, () => expect(fs.existsSync(dbFile)).toBe(false));

    // What the racers were told.
    expect(registrations.filter((r) => r.isMainRepo)).toHaveLength(1);
    expect(new Set(registrations.map((r) => r.sessionId)).size).toBe(RACERS);
    expect(registrations.map((r) => r.parallelSessions).sort((a, b) => a - b)).toEqual(Array.from({ length: RACERS }, (_, i) => i + 1));
    expect(registrations.every((r) => r.created && r.repoPath === repo)).toBe(true);

    // What the database holds.
    const coordinator = await openCoordinator({ env: home.env });
    try {
      expect(coordinator.migrated).toEqual([{ lib: 'core-sessions', applied: [] }]);
      expect(coordinator.raw.prepare('select name from core_sessions_migrations').all()).toEqual(CORE_MIGRATIONS.map((name) => ({ name })));
      const rows = sessionRows(coordinator);
      expect(rows).toHaveLength(RACERS);
      expect(rows.map((r) => r.id).sort()).toEqual(registrations.map((r) => r.sessionId).sort());
      expect(rows.map((r) => r.pid).sort()).toEqual([...pids].sort());
      expect(rows.every((r) => r.status === 'active')).toBe(true);
      const mainRows = rows.filter((r) => r.is_main_repo === 1);
      expect(mainRows).toHaveLength(1);
      expect(mainRows.map((r) => r.worktree_path)).toEqual([repo]);

      // What is on disk and in git: nineteen distinct worktrees, each with a row and a branch.
      const worktreeRows = rows.filter((r) => r.is_main_repo === 0);
      const paths = worktreeRows.map((r) => r.worktree_path);
      expect(new Set(paths).size).toBe(RACERS - 1);
      for (const row of worktreeRows) {
        expect(fs.existsSync(path.join(row.worktree_path, 'src', 'index.js'))).toBe(true);
        expect(hasBranch(repo, row.branch)).toBe(true);
      }
      const listed = listedWorktrees(repo);
      expect(listed[0]).toBe(repo);
      expect(listed.slice(1).sort()).toEqual([...paths].sort());
      expect(fs.readdirSync(`${repo}-worktrees`).map((f) => path.join(`${repo}-worktrees`, f)).sort()).toEqual([...paths].sort());
      expect(localBranches(repo).sort()).toEqual(['main', ...worktreeRows.map(branchOf)].sort());
      expect(fs.existsSync(path.join(repo, '.git', 'parallel-cc-worktrees.lock'))).toBe(false);

      const states = (await sessionStatus(coordinator)).sessions.map((s) => s.state);
      expect(states).toEqual(Array(RACERS).fill('live'));
    } finally {
      await coordinator.close();
    }
  }, 60_000);

  it('release: every worktree and branch is gone afterwards, and no row is left', async () => {
    expect(registrations).toHaveLength(RACERS);
    const results = (await race<RetireResult[]>('release', repo, pids, home.env)).flat();
    expect(results).toHaveLength(RACERS);
    expect(results.filter((r) => r.status !== 'done')).toEqual([]);
    expect(listedWorktrees(repo)).toEqual([repo]);
    expect(localBranches(repo)).toEqual(['main']);
    expect(fs.readdirSync(`${repo}-worktrees`)).toEqual([]);
    const coordinator = await openCoordinator({ env: home.env });
    try {
      expect(sessionRows(coordinator)).toEqual([]);
    } finally {
      await coordinator.close();
    }
  }, 60_000);
});
