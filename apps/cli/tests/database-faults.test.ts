import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  holdDatabaseLock,
  makeRepo,
  makeTempDir,
  makeTempHome,
  migrateDatabaseTo,
  removeTempDirs,
  startLiveProcess,
  writeV1Database,
} from '@parallel-cc/test-utils';
import type { DatabaseLock, LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { BIN, pcc, pccJson, sessionRows } from './support';

let home: TempHome;
let agent: LiveProcess;
let lock: DatabaseLock | undefined;

beforeEach(() => {
  home = makeTempHome();
  agent = startLiveProcess();
});
afterEach(async () => {
  await lock?.release();
  lock = undefined;
  await agent.kill();
});
afterAll(() => removeTempDirs());

const dbFile = () => path.join(home.pccHome, 'coordinator.db');

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** A one-line failure on stderr naming the problem, exit 1, no stack trace, nothing on stdout. */
function expectFailure(result: { code: number | null; stdout: string; stderr: string }, message: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('a database another process holds locked', () => {
  it('register exits 1 saying so (naming the database), and leaves no row and no worktree', async () => {
    const repo = makeRepo();
    home.env.PARALLEL_CC_BUSY_TIMEOUT_MS = '300';
    const first = pccJson<{ sessionId: string; isMainRepo: boolean }>(['register', '--repo', repo, '--pid', String(agent.pid)], { env: home.env });
    expect(first.isMainRepo).toBe(true);
    lock = await holdDatabaseLock(dbFile());
    const other = startLiveProcess();
    try {
      const result = pcc(['register', '--repo', repo, '--pid', String(other.pid), '--json'], { env: home.env });
      expectFailure(result, /locked by another process/);
      expect(result.stderr).toContain(dbFile());
      expect(result.stderr).toMatch(/retry/i);
    } finally {
      await other.kill();
    }
    await lock.release();
    lock = undefined;
    expect(sessionRows(home.pccHome).map((r) => r.id)).toEqual([first.sessionId]);
    expect(fs.existsSync(`${repo}-worktrees`)).toBe(false);
  });
});

describe('a PARALLEL_CC_HOME that cannot be used', () => {
  /** The database line of a `doctor --json` run that must have failed. */
  function databaseCheck(doctor: { code: number | null; stdout: string }): unknown {
    expect(doctor.code).toBe(1);
    return (JSON.parse(doctor.stdout) as { checks: Array<{ name: string }> }).checks.find((c) => c.name === 'database');
  }

  it('under a regular file: exit 1 naming the folder and the cause', () => {
    const blocker = path.join(makeTempDir(), 'a-file');
    fs.writeFileSync(blocker, '');
    home.env.PARALLEL_CC_HOME = path.join(blocker, 'pcc');
    for (const args of [['status'], ['update']]) {
      const result = pcc(args, { env: home.env });
      expectFailure(result, /Cannot use the folder .*a-file\/pcc: a part of that path is a file, not a folder/);
      expect(result.stderr).toContain('PARALLEL_CC_HOME');
    }
    expect(databaseCheck(pcc(['doctor', '--json'], { env: home.env }))).toMatchObject({ status: 'fail', detail: expect.stringMatching(/cannot be created: .*a-file is a file, not a folder/) });
  });

  const canDropPrivileges = process.getuid?.() === 0 && spawnSync('setpriv', ['--help']).status === 0;
  (canDropPrivileges ? describe : describe.skip)('read-only for the user running parallel-cc (run as nobody, uid 65534)', () => {
    /** Runs the CLI as user and group 65534 with `--clear-groups`: root's test files stay unwritable to it. */
    function pccAsNobody(args: string[], env: NodeJS.ProcessEnv) {
      const result = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN.pcc, ...args], {
        env,
        encoding: 'utf8',
        timeout: 30_000,
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    }

    function readOnlyFolder(): string {
      const root = makeTempDir();
      fs.chmodSync(root, 0o755);
      const dir = path.join(root, 'pcc-home');
      fs.mkdirSync(dir, { mode: 0o755 });
      return dir;
    }

    it('an existing folder it cannot write: exit 1 saying the database cannot be created', () => {
      const dir = readOnlyFolder();
      const result = pccAsNobody(['status', '--json'], { ...home.env, HOME: dir, PARALLEL_CC_HOME: dir });
      expectFailure(result, /Cannot use .*pcc-home\/coordinator\.db: the file cannot be created or opened/);
      const doctor = pccAsNobody(['doctor', '--json'], { ...home.env, HOME: dir, PARALLEL_CC_HOME: dir });
      expect(databaseCheck(doctor)).toMatchObject({ status: 'fail', detail: expect.stringContaining('pcc-home is not writable by this user') });
      expect(fs.readdirSync(dir)).toEqual([]);
    });

    it('a missing folder whose parent it cannot write: exit 1 with permission denied', () => {
      const dir = readOnlyFolder();
      const result = pccAsNobody(['status', '--json'], { ...home.env, HOME: dir, PARALLEL_CC_HOME: path.join(dir, 'new', 'home') });
      expectFailure(result, /Cannot use the folder .*pcc-home\/new\/home: permission denied \(EACCES\)/);
      expect(fs.readdirSync(dir)).toEqual([]);
    });

    it('a database file it cannot write: exit 1 saying it cannot be written, and the file is unchanged', async () => {
      const dir = readOnlyFolder();
      expect(pcc(['update'], { env: { ...home.env, PARALLEL_CC_HOME: dir } }).code).toBe(0);
      for (const name of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, name), 0o644);
      const before = sha256(path.join(dir, 'coordinator.db'));
      const repo = makeRepo();
      fs.chmodSync(path.dirname(repo), 0o755);
      const result = pccAsNobody(['register', '--repo', repo, '--pid', String(agent.pid)], { ...home.env, HOME: dir, PARALLEL_CC_HOME: dir });
      expectFailure(result, /Cannot use .*coordinator\.db: /);
      expect(sha256(path.join(dir, 'coordinator.db'))).toBe(before);
    });
  });
});

describe('a corrupt coordinator.db', () => {
  function corrupt(): string {
    fs.mkdirSync(home.pccHome, { recursive: true });
    fs.writeFileSync(dbFile(), Buffer.alloc(8192, 0x5a));
    return sha256(dbFile());
  }

  it('is refused by every command with a pointer to doctor --repair, and never replaced', () => {
    const before = corrupt();
    for (const args of [['status'], ['update'], ['merge-status']]) {
      const result = pcc(args, { env: home.env });
      expectFailure(result, /is corrupt \(file is not a database\)\. Run `parallel-cc doctor --repair`/);
      expect(result.stderr).toContain(dbFile());
    }
    expect(sha256(dbFile())).toBe(before);
    expect(fs.readdirSync(home.pccHome).filter((n) => n.includes('corrupt'))).toEqual([]);
  });

  it('doctor reports it as a failed check; doctor --repair moves it aside, says where, and starts a fresh database', () => {
    const before = corrupt();
    const doctor = pcc(['doctor', '--json'], { env: home.env });
    expect(doctor.code).toBe(1);
    const report = JSON.parse(doctor.stdout) as { ok: boolean; checks: Array<{ name: string; status: string; fix?: string }> };
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.name === 'database')).toMatchObject({ status: 'fail', fix: expect.stringContaining('parallel-cc doctor --repair') });

    const repair = pcc(['doctor', '--repair'], { env: home.env });
    const moved = fs.readdirSync(home.pccHome).filter((n) => /^coordinator\.corrupt-\d{8}T\d{6}Z\.db$/.test(n));
    expect(moved).toHaveLength(1);
    const movedTo = path.join(home.pccHome, moved[0] ?? '');
    expect(repair.stdout).toContain(`was moved to ${movedTo}`);
    expect(repair.stdout).toMatch(/^ok {3}database/m);
    expect(sha256(movedTo)).toBe(before);
    expect(pccJson<{ sessions: unknown[] }>(['status'], { env: home.env }).sessions).toEqual([]);

    const again = pccJson<{ ok: boolean; repair: { repaired: boolean; movedTo: string | null } }>(['doctor', '--repair'], { env: home.env });
    expect(again.repair).toEqual({ path: dbFile(), repaired: false, movedTo: null, problem: null });
    expect(fs.readdirSync(home.pccHome).filter((n) => n.includes('corrupt'))).toEqual(moved);
  });

  it('doctor --repair on a sound database changes nothing and says so', () => {
    expect(pcc(['update'], { env: home.env }).code).toBe(0);
    const before = sha256(dbFile());
    const result = pcc(['doctor', '--repair'], { env: home.env });
    expect(result.stdout).toContain(`Nothing to repair: ${dbFile()} is not corrupt, and nothing was changed.`);
    expect(sha256(dbFile())).toBe(before);
    expect(fs.readdirSync(home.pccHome).filter((n) => n.includes('corrupt'))).toEqual([]);
    expect(pcc(['doctor', '--help'], { env: home.env }).stdout).toContain('--repair');
  });
});

describe('update and schema versions', () => {
  it('a second update is a no-op that says nothing was pending', () => {
    const first = pccJson<{ migrated: Array<{ lib: string; applied: string[] }> }>(['update'], { env: home.env });
    expect(first.migrated.every((m) => m.applied.length > 0)).toBe(true);
    const before = sha256(dbFile());
    const again = pcc(['update'], { env: home.env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('The database is up to date. No migrations were pending; nothing was changed.');
    expect(pccJson<{ migrated: Array<{ applied: string[] }>; legacyMovedTo: null; imported: null }>(['update'], { env: home.env })).toMatchObject({
      migrated: first.migrated.map((m) => ({ lib: m.lib, applied: [] })),
      legacyMovedTo: null,
      legacyLeft: null,
      imported: null,
    });
    expect(sha256(dbFile())).toBe(before);
  });

  it('a database at an earlier version of ours is brought to the latest with its rows kept', async () => {
    const { coreSessionsMigrations } = await import('@parallel-cc/core-sessions');
    const { mergeDetectorMigrations } = await import('@parallel-cc/merge-detector');
    await migrateDatabaseTo(dbFile(), coreSessionsMigrations, '0001_sessions');
    await migrateDatabaseTo(dbFile(), mergeDetectorMigrations, '0001_merge_events_and_subscriptions');
    const raw = new Database(dbFile());
    raw.prepare("insert into sessions (id, repo_path, worktree_path, base_branch, pid, created_at, last_heartbeat) values ('s-1', '/r', '/r', 'main', 1, 'x', 'x')").run();
    raw
      .prepare("insert into merge_events (id, repo_path, branch_name, source_commit, target_branch, target_commit, how, detected_at) values ('e-1', '/r', 'b', 'aa', 'main', 'bb', 'squash', '2026-01-01T00:00:00.000Z')")
      .run();
    raw.close();
    const report = pccJson<{ migrated: Array<{ lib: string; applied: string[] }> }>(['update'], { env: home.env });
    expect(report.migrated).toEqual(
      expect.arrayContaining([
        { lib: 'core-sessions', applied: Object.keys(coreSessionsMigrations.migrations).slice(1) },
        { lib: 'merge-detector', applied: Object.keys(mergeDetectorMigrations.migrations).slice(1) },
        { lib: 'conflict-engine', applied: ['0001_conflict_history'] },
        { lib: 'e2b-runner', applied: ['0001_sandbox_runs'] },
      ]),
    );
    const events = pccJson<{ events: Array<{ id: string; how: string; mergedAt: string | null }> }>(['merge-status'], { env: home.env }).events;
    expect(events).toEqual([expect.objectContaining({ id: 'e-1', how: 'squash', mergedAt: null })]);
    // Kept, under the name 0006 gives it: 'register' is now 'wrapper'.
    expect(sessionRows(home.pccHome).map((r) => [r.id, r.origin])).toEqual([['s-1', 'wrapper']]);
  });

  it('a database of a newer parallel-cc is refused naming the unknown migration; nothing is written', () => {
    expect(pcc(['update'], { env: home.env }).code).toBe(0);
    const raw = new Database(dbFile());
    raw.prepare("insert into merge_detector_migrations (name, timestamp) values ('0999_future', '2030-01-01T00:00:00.000Z')").run();
    raw.close();
    const before = sha256(dbFile());
    for (const args of [['update'], ['merge-status']]) {
      const result = pcc(args, { env: home.env });
      expectFailure(result, /was written by a newer parallel-cc: .*merge-detector: 0999_future.*Upgrade parallel-cc/);
      expect(result.stderr).toContain(dbFile());
    }
    expect(sha256(dbFile())).toBe(before);
    const doctor = pcc(['doctor', '--json'], { env: home.env });
    expect(doctor.code).toBe(1);
    const checks = (JSON.parse(doctor.stdout) as { checks: Array<{ name: string; status: string; detail: string }> }).checks;
    expect(checks.find((c) => c.name === 'database')).toMatchObject({ status: 'fail', detail: expect.stringContaining('merge-detector:0999_future') });
  });
});

describe('a database of the earlier single-package parallel-cc', () => {
  function v1Home(repo: string, keptWorktree: string): void {
    writeV1Database(dbFile(), {
      sessions: [
        { id: 'v1-main', pid: 4242, repo_path: repo, worktree_path: repo, is_main_repo: 1 },
        { id: 'v1-wt', pid: 4243, repo_path: repo, worktree_path: keptWorktree, worktree_name: 'wt', is_main_repo: 0 },
        { id: 'v1-gone', pid: 4244, repo_path: repo, worktree_path: path.join(path.dirname(keptWorktree), 'gone'), is_main_repo: 0 },
      ],
      mergeEvents: [
        { id: 'm-1', repo_path: repo, branch_name: 'feature/a', source_commit: 'a'.repeat(40), target_commit: 'b'.repeat(40), merged_at: '2025-05-06 07:08:09', detected_at: '2025-05-06 07:10:00' },
        { id: 'm-2', repo_path: repo, branch_name: 'feature/b', source_commit: 'c'.repeat(40), target_branch: 'develop', target_commit: 'd'.repeat(40) },
      ],
      subscriptions: [{ id: 'sub-1', session_id: 'v1-wt', repo_path: repo, branch_name: 'feature/a' }],
      fileClaims: [{ id: 'c-1', session_id: 'v1-wt', repo_path: repo, file_path: 'a.ts', claim_mode: 'EXCLUSIVE', expires_at: '2030-01-01 00:00:00' }],
    });
  }

  it('status and register refuse it and leave its bytes unchanged', () => {
    const repo = makeRepo();
    v1Home(repo, path.join(makeTempDir(), 'wt'));
    const before = sha256(dbFile());
    for (const args of [['status'], ['register', '--repo', repo, '--pid', String(agent.pid)]]) {
      expectFailure(pcc(args, { env: home.env }), /was written by an earlier parallel-cc; run `parallel-cc update`/);
    }
    expect(sha256(dbFile())).toBe(before);
    expect(fs.existsSync(`${repo}-worktrees`)).toBe(false);
  });

  it('update moves it aside, imports its merge events, and lists what it left, with the worktrees still on disk', () => {
    const repo = makeRepo();
    const kept = path.join(makeTempDir(), 'wt');
    fs.mkdirSync(kept);
    v1Home(repo, kept);
    const before = sha256(dbFile());
    const report = pccJson<Record<string, unknown>>(['update'], { env: home.env });
    const moved = path.join(home.pccHome, 'coordinator.v1.db');
    expect(report).toMatchObject({
      path: dbFile(),
      legacyMovedTo: moved,
      legacyLeft: { sessions: 3, subscriptions: 1, fileClaims: 1, worktrees: [kept] },
      imported: { mergeEvents: { found: 2, imported: 2, duplicates: 0, invalid: 0 } },
    });
    expect(sha256(moved)).toBe(before);
    const events = pccJson<{ events: Array<Record<string, unknown>> }>(['merge-status', '--repo', repo], { env: home.env }).events;
    expect(events.map((e) => [e.id, e.branch, e.targetBranch, e.how, e.mergedAt]).sort()).toEqual([
      ['m-1', 'feature/a', 'main', 'ancestor', '2025-05-06T07:08:09.000Z'],
      ['m-2', 'feature/b', 'develop', 'ancestor', expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/)],
    ]);
    expect(sessionRows(home.pccHome)).toEqual([]);
    expect(pcc(['update'], { env: home.env }).stdout).toContain('The database is up to date.');
  });

  it('install --all updates the database the same way, importing its merge events', () => {
    const repo = makeRepo();
    v1Home(repo, path.join(makeTempDir(), 'wt'));
    const global = makeTempDir(); // claude-parallel on PATH, as after a global install: the alias needs it
    fs.symlinkSync(BIN.claudeParallel, path.join(global, 'claude-parallel'));
    expect(pcc(['install', '--all'], { env: { ...home.env, SHELL: '/bin/bash', PATH: `${global}${path.delimiter}${home.env.PATH}` } }).code).toBe(0);
    expect(fs.existsSync(path.join(home.pccHome, 'coordinator.v1.db'))).toBe(true);
    const events = pccJson<{ events: Array<{ id: string }> }>(['merge-status'], { env: home.env }).events;
    expect(events.map((e) => e.id).sort()).toEqual(['m-1', 'm-2']);
  });

  it('update says in words what it imported and left', () => {
    const repo = makeRepo();
    const kept = path.join(makeTempDir(), 'wt');
    fs.mkdirSync(kept);
    v1Home(repo, kept);
    const result = pcc(['update'], { env: home.env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Moved the earlier parallel-cc's database to ${path.join(home.pccHome, 'coordinator.v1.db')} (unchanged).`);
    expect(result.stdout).toContain('Imported 2 of its 2 merge events.');
    expect(result.stdout).toContain('Not imported: 3 sessions, 1 subscription, 1 file claim');
    expect(result.stdout).toContain('git worktree remove <path>');
    expect(result.stdout).toContain(`\n  ${kept}\n`);
    expect(result.stdout).not.toContain(path.join(path.dirname(kept), 'gone'));
  });
});
