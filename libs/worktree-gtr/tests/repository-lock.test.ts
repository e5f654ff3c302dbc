// The repository's worktree lock names its owner: a lock whose owner is dead is taken over at once.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deadPid, makeTempDir, removeTempDirs, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import { UNKNOWN_OWNER_STALE_MS } from '../src/owned-lock';
import { ownerName, parseOwnerName, pidOnlyStartTime } from '../src/process-owner';
import type { StartTimeProbe } from '../src/process-owner';
import { withRepositoryLock } from '../src/repository-lock';
import { quickRepo } from './support';

afterEach(() => stopTrackedProcesses());
afterAll(() => removeTempDirs());

const lockOf = (repo: string) => path.join(repo, '.git', 'parallel-cc-worktrees.lock');
const ownersIn = (lock: string) => fs.readdirSync(lock).map((name) => parseOwnerName(name)?.pid);
/** What is beside the lock in `.git`: folders of half-done takes and releases. */
const besideLock = (repo: string) => fs.readdirSync(path.join(repo, '.git')).filter((n) => n.startsWith('parallel-cc-worktrees.lock'));
/** Leaves a lock in `repo` naming `pid`, started at `started`, as a process killed while holding it would. */
function leaveLock(repo: string, pid: number, started = ''): void {
  fs.mkdirSync(lockOf(repo));
  fs.writeFileSync(path.join(lockOf(repo), ownerName({ pid, started, nonce: 'abc123' })), '');
}
const noWait = { processStartTime: pidOnlyStartTime, timeoutMs: 0 };

describe('withRepositoryLock', () => {
  it('names this process in the lock while it runs, and leaves nothing behind', async () => {
    const repo = quickRepo();
    const seen = await withRepositoryLock(repo, {}, async () => ownersIn(lockOf(repo)));
    expect(seen).toEqual([process.pid]);
    expect(besideLock(repo)).toEqual([]);
  });

  it('takes over at once a lock whose owner is dead', async () => {
    const repo = quickRepo();
    leaveLock(repo, await deadPid(), 'boot:123');
    const seen = await withRepositoryLock(repo, noWait, async () => ownersIn(lockOf(repo)));
    expect(seen).toEqual([process.pid]);
    expect(besideLock(repo)).toEqual([]);
  });

  it('takes over at once a lock whose PID now belongs to a process started later', async () => {
    const repo = quickRepo();
    const reused = startTrackedProcess();
    leaveLock(repo, reused.pid, 'boot:1');
    const probe: StartTimeProbe = (pid) => (pid === reused.pid ? 'boot:2' : pidOnlyStartTime(pid));
    const seen = await withRepositoryLock(repo, { processStartTime: probe, timeoutMs: 0 }, async () => ownersIn(lockOf(repo)));
    expect(seen).toEqual([process.pid]);
  });

  it('waits for a live owner, and fails naming it when that takes too long', async () => {
    const repo = quickRepo();
    const holder = startTrackedProcess();
    leaveLock(repo, holder.pid);
    await expect(withRepositoryLock(repo, noWait, async () => 'ran')).rejects.toMatchObject({
      code: 'REPOSITORY_LOCKED',
      message: expect.stringContaining(`held by PID ${holder.pid}, which still runs`),
      data: { pids: [holder.pid] },
    });
    expect(ownersIn(lockOf(repo))).toEqual([holder.pid]);
    expect(besideLock(repo)).toEqual(['parallel-cc-worktrees.lock']);
  });

  it('lets one holder in at a time in one process, the next once the first is done', async () => {
    const repo = quickRepo();
    const events: string[] = [];
    let open = () => undefined as void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const first = withRepositoryLock(repo, {}, async () => {
      events.push('first in');
      await gate;
      events.push('first out');
    });
    // Its first try runs at once, while the first holds the lock.
    const second = withRepositoryLock(repo, {}, async () => events.push('second in'));
    open();
    await Promise.all([first, second]);
    expect(events).toEqual(['first in', 'first out', 'second in']);
  });

  it('waits for a lock folder that names no owner (an older version) until it is untouched for 10 s', async () => {
    const repo = quickRepo();
    fs.mkdirSync(lockOf(repo));
    await expect(withRepositoryLock(repo, noWait, async () => 'ran')).rejects.toMatchObject({ code: 'REPOSITORY_LOCKED' });
    const old = new Date(Date.now() - UNKNOWN_OWNER_STALE_MS - 1000);
    fs.utimesSync(lockOf(repo), old, old);
    expect(await withRepositoryLock(repo, noWait, async () => ownersIn(lockOf(repo)))).toEqual([process.pid]);
  });

  it('removes what processes killed while taking or releasing it left beside it, but not what a live one is making', async () => {
    const repo = quickRepo();
    const dead = ownerName({ pid: await deadPid(), started: '', nonce: '1' });
    const live = ownerName({ pid: startTrackedProcess().pid, started: '', nonce: '2' });
    for (const name of [`new-${dead}`, `old-${dead}`, `new-${live}`]) {
      fs.mkdirSync(path.join(repo, '.git', `parallel-cc-worktrees.lock.${name}`));
      fs.writeFileSync(path.join(repo, '.git', `parallel-cc-worktrees.lock.${name}`, name.slice(4)), '');
    }
    await withRepositoryLock(repo, noWait, async () => undefined);
    expect(besideLock(repo)).toEqual([`parallel-cc-worktrees.lock.new-${live}`]);
  });
});

// Plain node processes load the built library (the workspace builds before it tests).
const BUILT = path.resolve(__dirname, '..', 'dist');
const RACER = `
const fs = require('fs');
const [built, lock, log, go, rounds] = process.argv.slice(2);
const { acquireOwnedLock } = require(built + '/owned-lock.js');
const { pidOnlyStartTime } = require(built + '/process-owner.js');
const hold = () => new Promise((resolve) => setTimeout(resolve, 2));
(async () => {
  while (!fs.existsSync(go)) await new Promise((resolve) => setTimeout(resolve, 2));
  for (let round = 0; round < Number(rounds); round++) {
    const release = await acquireOwnedLock(lock, { probe: pidOnlyStartTime, timeoutMs: 60000 });
    fs.appendFileSync(log, 'in ' + process.pid + '\\n');
    await hold();
    fs.appendFileSync(log, 'out ' + process.pid + '\\n');
    release();
  }
})().catch((error) => { process.stderr.write(String(error.stack)); process.exit(1); });
`;

describe('processes racing for a lock whose owner died', () => {
  it('take it over and hold it one at a time, leaving nothing behind', async () => {
    if (!fs.existsSync(path.join(BUILT, 'owned-lock.js'))) throw new Error(`${BUILT} is not built: run \`npx nx run worktree-gtr:build\` first.`);
    const repo = quickRepo();
    leaveLock(repo, await deadPid());
    const dir = makeTempDir('pcc-lock-race-');
    const [script, log, go] = ['racer.js', 'log', 'go'].map((n) => path.join(dir, n)) as [string, string, string];
    fs.writeFileSync(script, RACER);
    fs.writeFileSync(log, '');
    const racers = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, [script, BUILT, lockOf(repo), log, go, '5'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
      return new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
    });
    fs.writeFileSync(go, '');
    expect(await Promise.all(racers)).toEqual(Array.from({ length: 4 }, () => ({ code: 0, stderr: '' })));

    const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(40);
    for (let i = 0; i < lines.length; i += 2) {
      expect([lines[i], lines[i + 1]?.replace('out', 'in')]).toEqual([lines[i], lines[i]]);
      expect(lines[i]).toMatch(/^in \d+$/);
    }
    expect(besideLock(repo)).toEqual([]);
  }, 60_000);
});
