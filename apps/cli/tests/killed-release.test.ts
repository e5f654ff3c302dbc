import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRepo, makeTempDir, makeTempHome, removeTempDirs, startTrackedProcess, stopTrackedProcesses } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { BIN, isRunning, pcc, pccJson, startBin, waitFor } from './support';
import { lockOwners } from './lock-owners';

// A `register` first tidies the repository's dead sessions: it marks one `releasing`, takes the
// repository's lock and runs `git status` in its worktree. Killed right there, it leaves the mark
// and the lock behind; both name their owner, so the very next command takes them over.

interface Row {
  id: string;
  status: string;
  kept_reason: string | null;
  status_owner_pid: number | null;
}

let home: TempHome;

beforeEach(() => {
  home = makeTempHome();
});
afterEach(() => stopTrackedProcesses());
afterAll(() => removeTempDirs());

const register = (repo: string, pid: number, env = home.env) => pccJson<{ sessionId: string; worktreePath: string }>(['register', '--repo', repo, '--pid', String(pid)], { env });

function rowOf(id: string): Row | undefined {
  const db = new Database(path.join(home.pccHome, 'coordinator.db'), { readonly: true });
  try {
    return db.prepare('select * from sessions where id = ?').get(id) as Row | undefined;
  } finally {
    db.close();
  }
}

/**
 * A `git` first on PATH that, asked for `status` in `slowDir`, says so in a file (written whole)
 * and waits for a `go` file before running the real git: a `git status` that is still running.
 */
function gitPausedInStatus(slowDir: string) {
  const dir = makeTempDir('pcc-git-shim-');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const paused = (n: number) => path.join(dir, `paused-${n}`);
  const go = path.join(dir, 'go');
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.writeFileSync(
    path.join(dir, 'bin', 'git'),
    `#!/bin/sh
if [ "$1" = status ] && [ "$(pwd -P)" = '${fs.realpathSync(slowDir)}' ]; then
  n=$(ls '${dir}' | grep -c '^paused-')
  echo $$ > '${dir}/tmp-$$' && mv '${dir}/tmp-$$' "${dir}/paused-$n"
  i=0
  while [ ! -e '${go}' ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
fi
exec '${realGit}' "$@"
`,
    { mode: 0o755 },
  );
  return {
    env: { ...home.env, PATH: `${path.join(dir, 'bin')}${path.delimiter}${home.env.PATH}` },
    /** Resolves with the PID of the `n`th (from 0) `git status` paused in `slowDir`. */
    paused: (n: number) => waitFor(() => fs.existsSync(paused(n)) && Number(fs.readFileSync(paused(n), 'utf8')), 30_000, `git status #${n} in ${slowDir}`),
    /** Lets every paused `git status` (and those to come) run; resolves once they have ended. */
    async release(): Promise<void> {
      fs.writeFileSync(go, '');
      const pids = fs.readdirSync(dir).filter((n) => n.startsWith('paused-')).map((n) => Number(fs.readFileSync(path.join(dir, n), 'utf8')));
      await waitFor(() => pids.every((pid) => !isRunning(pid)), 30_000, 'the paused git status to end');
    },
  };
}

/**
 * The reproduction: a holder session; a dead session whose worktree holds an untracked
 * file; a third `register` SIGKILLed while its cleanup runs `git status` in that worktree.
 */
async function registerKilledInStatus() {
  const repo = makeRepo({ 'README.md': '# test\n' });
  register(repo, startTrackedProcess().pid);
  const worker = startTrackedProcess();
  const dead = register(repo, worker.pid);
  fs.writeFileSync(path.join(dead.worktreePath, 'draft.md'), 'work in progress\n');
  await worker.kill();

  const git = gitPausedInStatus(dead.worktreePath);
  const killed = startBin(BIN.pcc, ['register', '--repo', repo, '--pid', String(startTrackedProcess().pid), '--json'], { env: git.env });
  await git.paused(0);
  killed.child.kill('SIGKILL');
  expect(await killed.exited).toEqual({ code: null, signal: 'SIGKILL' });
  // What it left: the session marked `releasing` and the repository's lock, each naming it as owner.
  expect(rowOf(dead.sessionId)).toMatchObject({ status: 'releasing', status_owner_pid: killed.child.pid });
  expect(lockOwners(repo)).toEqual([killed.child.pid]);
  return { repo, dead, killedPid: killed.child.pid as number, git };
}

describe('a register killed while it tidies a dead session', () => {
  it('cleanup takes the session over at once and keeps the work in it', async () => {
    const { repo, dead, git } = await registerKilledInStatus();
    await git.release();

    const status = pccJson<{ sessions: Array<{ sessionId: string; state: string }> }>(['status'], { env: home.env });
    expect(status.sessions.find((s) => s.sessionId === dead.sessionId)?.state).toBe('stale');
    const cleanup = pcc(['cleanup', '--json'], { env: home.env });
    expect(cleanup.stderr).toBe('');
    expect(JSON.parse(cleanup.stdout).results).toEqual([expect.objectContaining({ sessionId: dead.sessionId, status: 'kept', reasons: ['worktree has 1 untracked file'] })]);
    expect(cleanup.code).toBe(1);
    expect(rowOf(dead.sessionId)).toMatchObject({ status: 'kept', kept_reason: 'worktree has 1 untracked file', status_owner_pid: null });
    expect(fs.readFileSync(path.join(dead.worktreePath, 'draft.md'), 'utf8')).toBe('work in progress\n');
    expect(lockOwners(repo)).toEqual([]);
  });

  it('release --session-id takes it over at once instead of saying another process is releasing it', async () => {
    const { repo, dead, git } = await registerKilledInStatus();
    await git.release();

    const release = pcc(['release', '--session-id', dead.sessionId, '--json'], { env: home.env });
    expect(release.stderr).toBe('');
    expect(JSON.parse(release.stdout).results).toEqual([expect.objectContaining({ sessionId: dead.sessionId, status: 'kept', reasons: ['worktree has 1 untracked file'] })]);
    expect(release.code).toBe(1);
    expect(fs.existsSync(path.join(dead.worktreePath, 'draft.md'))).toBe(true);
    expect(lockOwners(repo)).toEqual([]);
  });

  it('the next register takes the lock over from the dead owner instead of waiting for it to go stale', async () => {
    const { repo, dead, killedPid, git } = await registerKilledInStatus();
    // The next register tidies the same session: paused again in its `git status`, it holds the lock.
    const next = startBin(BIN.pcc, ['register', '--repo', repo, '--pid', String(startTrackedProcess().pid), '--json'], { env: git.env });
    await git.paused(1);
    expect(lockOwners(repo)).toEqual([next.child.pid]);
    expect(rowOf(dead.sessionId)).toMatchObject({ status: 'releasing', status_owner_pid: next.child.pid });
    expect(isRunning(killedPid)).toBe(false);
    await git.release();

    expect(await next.exited).toEqual({ code: 0, signal: null });
    expect(JSON.parse(next.output().stdout)).toMatchObject({ isMainRepo: false });
    expect(rowOf(dead.sessionId)).toMatchObject({ status: 'kept', status_owner_pid: null });
    expect(fs.existsSync(path.join(dead.worktreePath, 'draft.md'))).toBe(true);
    expect(lockOwners(repo)).toEqual([]);
  });
});
