import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempHome, removeTempDirs, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { BIN, pcc, sessionRows, startBin } from './support';

// PARALLEL_CC_TEST_CRASH_AT makes `register` SIGKILL itself at one of its steps; the next
// `cleanup` must leave nothing behind: no row, worktree, branch or folder of the dead registration.

interface Cleaned {
  results: Array<{ sessionId: string; status: string }>;
  leftovers: Array<{ kind: string; status: string; path: string | null; branch: string | null }>;
}

let home: TempHome;
const startLive = startTrackedProcess;

beforeEach(() => {
  home = makeTempHome();
});
afterEach(() => stopTrackedProcesses());
afterAll(() => removeTempDirs());

/** A repository whose main checkout a live session holds, so that the next registration gets a worktree. */
function repoWithMainHolder(): { repo: string; holderId: string } {
  const repo = makeRepo({ 'README.md': '# test\n', 'src/app.js': 'one\n' });
  const holder = pcc(['register', '--repo', repo, '--pid', String(startLive().pid), '--json'], { env: home.env });
  expect(holder.code).toBe(0);
  return { repo, holderId: (JSON.parse(holder.stdout) as { sessionId: string }).sessionId };
}

/** Runs `register` with the crash point set and waits for it to die. */
async function crashingRegister(repo: string, pid: number, point: string) {
  const run = startBin(BIN.pcc, ['register', '--repo', repo, '--pid', String(pid), '--json'], {
    env: { ...home.env, PARALLEL_CC_TEST_CRASH_AT: point },
  });
  const ended = await run.exited;
  return { ...ended, ...run.output() };
}

const sessionBranches = (repo: string) => git(repo, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/parallel-cc/').split('\n').filter(Boolean);
const worktreeFolders = (repo: string) => {
  const dir = path.join(path.dirname(repo), 'repo-worktrees');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};
const listedWorktrees = (repo: string) =>
  git(repo, 'worktree', 'list', '--porcelain')
    .split('\n')
    .filter((l) => l.startsWith('worktree '))
    .map((l) => l.slice('worktree '.length));

describe('register killed at each step, then cleanup', () => {
  it.each(['register:before-row', 'register:after-row', 'register:worktree-add', 'register:before-answer'])(
    'at %s: the registration dies by SIGKILL and the next cleanup leaves no trace of it',
    async (point) => {
      const { repo, holderId } = repoWithMainHolder();
      const session = startLive();
      const crashed = await crashingRegister(repo, session.pid, point);
      expect(crashed).toMatchObject({ code: null, signal: 'SIGKILL', stdout: '' });
      if (point !== 'register:before-row') expect(sessionRows(home.pccHome)).toHaveLength(2);
      // The session's own process ends too (the terminal closed): its row is now stale.
      await session.kill();

      const cleanup = pcc(['cleanup', '--json'], { env: home.env });
      expect(cleanup.stderr).toBe('');
      expect(cleanup.code).toBe(0);
      const report = JSON.parse(cleanup.stdout) as Cleaned;
      expect([...report.results, ...report.leftovers].every((r) => r.status === 'done')).toBe(true);
      expect(sessionRows(home.pccHome).map((r) => r.id)).toEqual([holderId]);
      expect(listedWorktrees(repo)).toEqual([repo]);
      expect(sessionBranches(repo)).toEqual([]);
      expect(worktreeFolders(repo)).toEqual([]);
      expect(git(repo, 'status', '--porcelain')).toBe('');
    },
  );

  it('killed before its answer, a live process registering again gets the place that was made for it', async () => {
    const { repo } = repoWithMainHolder();
    const session = startLive();
    await crashingRegister(repo, session.pid, 'register:before-answer');
    const again = pcc(['register', '--repo', repo, '--pid', String(session.pid), '--json'], { env: home.env });
    expect(again.code).toBe(0);
    const registration = JSON.parse(again.stdout) as { created: boolean; worktreePath: string; branch: string };
    expect(registration.created).toBe(false);
    expect(fs.existsSync(path.join(registration.worktreePath, 'src', 'app.js'))).toBe(true);
    expect(sessionBranches(repo)).toEqual([registration.branch]);
    // Live: cleanup leaves it alone.
    expect(JSON.parse(pcc(['cleanup', '--json'], { env: home.env }).stdout)).toEqual({ results: [], leftovers: [], keptEarlier: { sessions: [], leftovers: [] } });
  });

  it('killed after reserving its row, a live process registering again gets a new place, not the half-made one', async () => {
    const { repo } = repoWithMainHolder();
    const session = startLive();
    await crashingRegister(repo, session.pid, 'register:after-row');
    const again = pcc(['register', '--repo', repo, '--pid', String(session.pid), '--json'], { env: home.env });
    expect(again.code).toBe(0);
    const registration = JSON.parse(again.stdout) as { created: boolean; worktreePath: string };
    expect(registration.created).toBe(true);
    expect(fs.existsSync(registration.worktreePath)).toBe(true);
  });
});

describe('cleanup finds leftovers no session row owns', () => {
  it('lists them with --dry-run without acting, then removes the clean ones and keeps the one holding work', async () => {
    const { repo } = repoWithMainHolder();
    const clean = JSON.parse(pcc(['register', '--repo', repo, '--pid', String(startLive().pid), '--json'], { env: home.env }).stdout) as { sessionId: string; worktreePath: string; branch: string };
    const dirty = JSON.parse(pcc(['register', '--repo', repo, '--pid', String(startLive().pid), '--json'], { env: home.env }).stdout) as { sessionId: string; worktreePath: string; branch: string };
    fs.writeFileSync(path.join(dirty.worktreePath, 'draft.md'), 'work in progress\n');
    // The rows are lost (a database restored from a backup, say); the worktrees stay.
    const db = new Database(path.join(home.pccHome, 'coordinator.db'));
    db.prepare('delete from sessions where id in (?, ?)').run(clean.sessionId, dirty.sessionId);
    db.close();

    const dry = pcc(['cleanup', '--dry-run', '--json'], { env: home.env });
    expect(dry.code).toBe(0);
    const planned = JSON.parse(dry.stdout) as { dryRun: boolean; leftovers: Cleaned['leftovers'] };
    expect(planned.leftovers.map((l) => [l.path, l.status]).sort()).toEqual(
      [
        [clean.worktreePath, 'would-remove'],
        [dirty.worktreePath, 'would-keep'],
      ].sort(),
    );
    expect(fs.existsSync(clean.worktreePath)).toBe(true);

    const text = pcc(['cleanup'], { env: home.env });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`removed leftover worktree ${clean.worktreePath} (${clean.branch})`);
    expect(text.stdout).toContain(`kept leftover worktree ${dirty.worktreePath} (${dirty.branch}): worktree has 1 untracked file`);
    expect(fs.existsSync(clean.worktreePath)).toBe(false);
    expect(fs.readFileSync(path.join(dirty.worktreePath, 'draft.md'), 'utf8')).toBe('work in progress\n');
    expect(sessionBranches(repo)).toEqual([dirty.branch]);
  });
});

describe('status and cleanup when a repository vanished', () => {
  it('say what they found, without a stack trace, and cleanup forgets the sessions', async () => {
    const { repo } = repoWithMainHolder();
    const worker = startLive();
    pcc(['register', '--repo', repo, '--pid', String(worker.pid), '--json'], { env: home.env });
    fs.rmSync(path.dirname(repo), { recursive: true, force: true });

    const status = pcc(['status', '--json'], { env: home.env });
    expect(status.code).toBe(0);
    const report = JSON.parse(status.stdout) as { sessions: Array<{ problem: string | null; state: string }> };
    expect(report.sessions.map((s) => [s.state, s.problem])).toEqual([
      ['live', 'repository-gone'],
      ['live', 'repository-gone'],
    ]);
    const table = pcc(['status'], { env: home.env });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('live, repository gone');

    await stopTrackedProcesses();
    const cleanup = pcc(['cleanup'], { env: home.env });
    expect(cleanup.stderr).toBe('');
    expect(cleanup.code).toBe(0);
    expect(cleanup.stdout).toMatch(/released \w+: worktree missing; its repository no longer exists/);
    expect(sessionRows(home.pccHome)).toEqual([]);
  });
});
