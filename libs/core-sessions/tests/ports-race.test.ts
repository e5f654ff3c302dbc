// Fifty `register` processes at one moment, each in a repository of its own (ports are one range
// for the whole machine), and five more that crash half way. Child processes run plain node, so
// they load the built library (libs/*/dist): the `test` target builds it first.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRepo, makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { cleanupSessions, openCoordinator, registerSession, releaseSession } from '../src';
import type { Registration } from '../src';
import { cleanHome, liveProcess, sessionRows, stopLiveProcesses, waitFor } from './support';

const RACERS = 50;
const CRASHERS = 5;
const LIBS = path.resolve(__dirname, '..', '..');

afterAll(async () => {
  await stopLiveProcesses();
  removeTempDirs();
});

function builtEntry(lib: string): string {
  const entry = path.join(LIBS, lib, 'dist', 'index.js');
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npx nx run ${lib}:build\` first.`);
  return entry;
}

const CHILD = `
const fs = require('fs');
const [coreEntry, repo, pid, placement, worktreeEntry] = process.argv.slice(2);
const core = require(coreEntry);
require(worktreeEntry);
process.stdout.write('ready\\n');
// Fifty processes polling for a signal would take the cores the registrations need: they wait on stdin.
const started = new Promise((resolve) => process.stdin.once('data', resolve));
started
  .then(async () => {
    const coordinator = await core.openCoordinator({ env: process.env });
    try {
      const result = await core.registerSession(coordinator, { repo, pid: Number(pid), placement, env: process.env });
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
  exited: Promise<NodeJS.Signals | number | null>;
}

interface Entrant {
  repo: string;
  pid: number;
  placement: 'auto' | 'worktree';
  env: NodeJS.ProcessEnv;
}

async function race(entrants: Entrant[]): Promise<Racer[]> {
  const script = path.join(makeTempDir('pcc-ports-race-'), 'racer.js');
  fs.writeFileSync(script, CHILD);
  const starters: Array<() => void> = [];
  const racers = entrants.map((e) => {
    const child = spawn(process.execPath, [script, builtEntry('core-sessions'), e.repo, String(e.pid), e.placement, builtEntry('worktree-gtr')], {
      env: e.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    starters.push(() => child.stdin.end('go\n'));
    const racer: Racer = { stdout: '', stderr: '', exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code))) };
    child.stdout.on('data', (d: Buffer) => (racer.stdout += String(d)));
    child.stderr.on('data', (d: Buffer) => (racer.stderr += String(d)));
    return racer;
  });
  await waitFor(() => racers.every((r) => r.stdout.startsWith('ready\n')) || racers.some((r) => r.stderr !== ''), 'every racer to load', 150_000);
  for (const start of starters) start();
  await Promise.all(racers.map((r) => r.exited));
  return racers;
}

const blockOf = (r: { port_first: number | null; port_last: number | null }) => `${r.port_first}-${r.port_last}`;
const nthBlock = (n: number) => `${4100 + n * 10}-${4109 + n * 10}`;

describe('ports for fifty registrations at once', () => {
  const home = cleanHome();
  // Fifty-five writers queue for one lock on two shared cores: what is tested is who gets which port, not the default 15 s wait.
  home.env.PARALLEL_CC_BUSY_TIMEOUT_MS = '200000';

  it('no two live sessions share a port, and what crashed registrations held is free again after cleanup', async () => {
    const template = makeRepo({ 'README.md': '# ports\n' });
    const repos = Array.from({ length: RACERS + CRASHERS }, (_, i) => {
      const copy = path.join(makeTempDir('pcc-ports-repo-'), `repo-${i}`);
      fs.cpSync(template, copy, { recursive: true });
      return copy;
    });
    const entrants: Entrant[] = repos.map((repo, i) =>
      i < RACERS
        ? { repo, pid: liveProcess().pid, placement: 'auto', env: home.env }
        : // Killed right after its row is written, before its worktree: the row names a live agent and a dead registrar.
          { repo, pid: liveProcess().pid, placement: 'worktree', env: { ...home.env, PARALLEL_CC_TEST_CRASH_AT: 'register:after-row' } },
    );
    const racers = await race(entrants);
    expect(racers.slice(0, RACERS).map((r) => r.stderr).filter(Boolean)).toEqual([]);
    expect(await Promise.all(racers.slice(RACERS).map((r) => r.exited))).toEqual(Array(CRASHERS).fill('SIGKILL'));
    const answers = racers.slice(0, RACERS).map((r) => JSON.parse(r.stdout.split('\n')[1] ?? 'null') as Registration);

    // What the racers were told: fifty distinct blocks of ten, all in the range.
    const told = answers.map((a) => `${a.ports?.first}-${a.ports?.last}`);
    expect(new Set(told).size).toBe(RACERS);
    expect(answers.every((a) => a.ports && a.ports.last - a.ports.first === 9 && a.ports.first >= 4100 && a.ports.last <= 4999)).toBe(true);

    const coordinator = await openCoordinator({ env: home.env });
    try {
      // Every row, crashed ones included, holds a block of its own: the blocks are the first fifty-five.
      const rows = sessionRows(coordinator);
      expect(rows).toHaveLength(RACERS + CRASHERS);
      expect(rows.map(blockOf).sort()).toEqual(Array.from({ length: RACERS + CRASHERS }, (_, n) => nthBlock(n)).sort());
      expect(rows.filter((r) => r.status === 'registering')).toHaveLength(CRASHERS);
      const crashedBlocks = rows.filter((r) => r.status === 'registering').map(blockOf);

      // Cleanup takes the crashed registrations over: their rows and blocks go.
      for (const repo of repos.slice(RACERS)) await cleanupSessions(coordinator, { repo, env: home.env });
      expect(sessionRows(coordinator)).toHaveLength(RACERS);

      // New sessions get exactly the blocks the crashes left: no gap stays behind.
      const again: Registration[] = [];
      for (const repo of repos.slice(RACERS)) again.push(await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env }));
      expect(again.map((r) => `${r.ports?.first}-${r.ports?.last}`).sort()).toEqual([...crashedBlocks].sort());
      expect(new Set(sessionRows(coordinator).map(blockOf)).size).toBe(RACERS + CRASHERS);

      // A release frees its block for the next one.
      const first = answers[0]!;
      await releaseSession(coordinator, { sessionId: first.sessionId }, { env: home.env });
      const next = await registerSession(coordinator, { repo: repos[0]!, pid: liveProcess().pid, env: home.env });
      expect(next.ports).toEqual(first.ports);
    } finally {
      await coordinator.close();
    }
  }, 300_000);
});
