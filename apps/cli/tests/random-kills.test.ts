import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempHome, removeTempDirs, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { BIN, isRunning, pcc, pccJson, startBin, waitFor } from './support';
import { lockOwners } from './lock-owners';

// `register`, `release` and `cleanup` SIGKILLed at random moments (not only at the named crash
// points); whatever the killed one left, the next command recovers at once: no mark or lock of
// the dead process stays in its way, cleanup tidies, and no work is lost. Each delay is a random
// fraction of how long a `register` just took (so kills land inside the work on a fast machine and
// a slow one alike); the fractions come from a seed, printed on failure:
// PARALLEL_CC_TEST_KILL_SEED=<seed> replays a failing run's commands and kill points.

const ITERATIONS = 6;
const SEED = Number(process.env.PARALLEL_CC_TEST_KILL_SEED ?? Date.now() % 2 ** 31);

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

interface Row {
  id: string;
  status: string;
  kept_reason: string | null;
  worktree_path: string;
  status_owner_pid: number | null;
}

let home: TempHome;
let repo: string;
const rows = (): Row[] => {
  const db = new Database(path.join(home.pccHome, 'coordinator.db'), { readonly: true });
  try {
    return db.prepare('select * from sessions').all() as Row[];
  } finally {
    db.close();
  }
};
const marked = () => rows().filter((r) => r.status === 'releasing' || r.status === 'registering');
/** What half-done takes and releases of the worktree lock left in `.git`. */
const besideLock = () => fs.readdirSync(path.join(repo, '.git')).filter((n) => n.startsWith('parallel-cc-worktrees.lock.'));

/** The PIDs of `pid`'s descendants (Linux: /proc), so that the test can wait for git commands a killed process left running. */
function descendants(pid: number): number[] {
  if (!fs.existsSync('/proc/self/stat')) return [];
  const parents = new Map<number, number>();
  for (const name of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // It ended while we looked.
    }
  }
  const found: number[] = [];
  for (let frontier = [pid]; frontier.length > 0; ) {
    frontier = [...parents].filter(([, parent]) => frontier.includes(parent)).map(([child]) => child);
    found.push(...frontier);
  }
  return found;
}

beforeAll(() => {
  home = makeTempHome();
  repo = makeRepo({ 'README.md': '# test\n', 'src/app.js': 'one\n' });
  pcc(['register', '--repo', repo, '--pid', String(startTrackedProcess().pid)], { env: home.env });
});
afterAll(async () => {
  await stopTrackedProcesses();
  removeTempDirs();
});

it(`register, release and cleanup killed at random moments: the next command recovers at once (seed ${SEED})`, async () => {
  const next = random(SEED);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)] as T;
  const work = new Map<string, string>();
  const workers: LiveProcess[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const step: string[] = [];
    try {
      // A session that died: every other one with an untracked file in its worktree.
      const worker = startTrackedProcess();
      const started = Date.now();
      const dying = pccJson<{ sessionId: string; worktreePath: string }>(['register', '--repo', repo, '--pid', String(worker.pid)], { env: home.env });
      if (i % 2 === 0) {
        const file = path.join(dying.worktreePath, `work-${i}.md`);
        fs.writeFileSync(file, `work ${i}\n`);
        work.set(file, `work ${i}\n`);
      }
      const registerMs = Date.now() - started;
      await worker.kill();
      // The sessions live ones registered earlier in the loop end now too.
      await Promise.all(workers.splice(0).map((w) => w.kill()));

      const command = (['register', 'release', 'cleanup'] as const)[i % 3] ?? 'cleanup';
      const args =
        command === 'register'
          ? ['register', '--repo', repo, '--pid', String(workers[workers.push(startTrackedProcess()) - 1]?.pid)]
          : command === 'release'
            ? ['release', '--session-id', dying.sessionId]
            : ['cleanup'];
      const delay = Math.floor(next() * 1.2 * registerMs);
      step.push(`${args.join(' ')} killed after ${delay} ms`);
      const killed = startBin(BIN.pcc, [...args, '--json'], { env: home.env });
      const timer = new Promise((resolve) => setTimeout(resolve, delay));
      const outcome = await Promise.race([killed.exited, timer.then(() => 'due' as const)]);
      if (outcome === 'due') {
        const children = descendants(killed.child.pid as number);
        killed.child.kill('SIGKILL');
        await killed.exited;
        // git commands it started run on a moment; a user's next command comes after that.
        await waitFor(() => children.every((pid) => !isRunning(pid)), 30_000, 'the killed command\u2019s children to end');
      } else {
        step.push(`(it finished first: ${JSON.stringify(outcome)})`);
      }

      // Every mark and lock it left names it as owner.
      for (const row of marked()) expect(row.status_owner_pid).toBe(killed.child.pid);
      expect(lockOwners(repo).filter((pid) => pid !== killed.child.pid)).toEqual([]);

      const recovery = pick(['status', 'cleanup', 'register', 'release'] as const);
      step.push(`then ${recovery}`);
      if (recovery === 'status') {
        const status = pccJson<{ sessions: Array<{ sessionId: string; state: string }> }>(['status'], { env: home.env });
        expect(status.sessions.find((s) => s.sessionId === dying.sessionId)?.state ?? 'gone').toMatch(/^(stale|kept|gone)$/);
      } else if (recovery === 'cleanup') {
        const cleanup = pcc(['cleanup', '--json'], { env: home.env });
        expect(cleanup.stderr).toBe('');
        const report = JSON.parse(cleanup.stdout) as { results: Array<{ status: string }> };
        expect(report.results.filter((r) => r.status === 'skipped' || r.status === 'failed')).toEqual([]);
        expect(marked()).toEqual([]);
        expect(lockOwners(repo)).toEqual([]);
      } else if (recovery === 'register') {
        const live = startTrackedProcess();
        workers.push(live);
        expect(pccJson<{ isMainRepo: boolean }>(['register', '--repo', repo, '--pid', String(live.pid)], { env: home.env })).toMatchObject({ isMainRepo: false });
        expect(marked()).toEqual([]);
        expect(lockOwners(repo)).toEqual([]);
      } else {
        const release = pcc(['release', '--session-id', dying.sessionId, '--json'], { env: home.env });
        // Released already by the killed command (or its cleanup): then there is nothing to release.
        if (release.code !== 2 && !release.stderr.includes('No session with id')) {
          expect(release.stderr).toBe('');
          const [result] = (JSON.parse(release.stdout) as { results: Array<{ status: string }> }).results;
          expect(result?.status).toMatch(/^(done|kept)$/);
        }
        expect(marked().filter((r) => r.id === dying.sessionId)).toEqual([]);
      }

      // Then cleanup tidies everything dead: what holds work is kept with it, the rest is gone.
      const final = pcc(['cleanup', '--json'], { env: home.env });
      expect(final.stderr).toBe('');
      const report = JSON.parse(final.stdout) as { results: Array<{ status: string }>; leftovers: Array<{ status: string }> };
      expect([...report.results, ...report.leftovers].filter((r) => r.status !== 'done' && r.status !== 'kept')).toEqual([]);
      expect(marked()).toEqual([]);
      expect(lockOwners(repo)).toEqual([]);
      expect(besideLock()).toEqual([]);
      for (const row of rows().filter((r) => r.status === 'kept')) expect(row.kept_reason).toBe('worktree has 1 untracked file');
      for (const [file, text] of work) expect(fs.readFileSync(file, 'utf8')).toBe(text);
      const places = rows().map((r) => r.worktree_path).sort();
      expect(
        git(repo, 'worktree', 'list', '--porcelain')
          .split('\n')
          .filter((l) => l.startsWith('worktree '))
          .map((l) => l.slice('worktree '.length))
          .sort(),
      ).toEqual(places);
    } catch (error) {
      (error as Error).message = `seed ${SEED}, iteration ${i}: ${step.join(', ')}\n${(error as Error).message}`;
      throw error;
    }
  }
}, 170_000);
