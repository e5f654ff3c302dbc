import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, makeRepo, makeTempDir, makeTempHome, removeTempDirs, startLiveProcess } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import { pcc, pccJson, sessionRows } from './support';

interface Registration {
  sessionId: string;
  worktreePath: string;
  worktreeName: string | null;
  isMainRepo: boolean;
  parallelSessions: number;
}
interface Status {
  sessions: Array<Record<string, unknown> & { sessionId: string; state: string; pid: number }>;
  totalSessions: number;
}

let home: TempHome;
const live: LiveProcess[] = [];
const startLive = () => {
  const p = startLiveProcess();
  live.push(p);
  return p;
};

beforeEach(() => {
  home = makeTempHome();
});
afterEach(async () => {
  await Promise.all(live.splice(0).map((p) => p.kill()));
});
afterAll(() => removeTempDirs());

describe('register, status, release, cleanup through the real bin', () => {
  it('gives the first session the main checkout and the second a worktree, with the JSON contract', () => {
    const repo = makeRepo();
    const a = startLive();
    const b = startLive();
    const first = pccJson<Registration>(['register', '--repo', repo, '--pid', String(a.pid)], { env: home.env });
    const second = pccJson<Registration>(['register', '--repo', repo, '--pid', String(b.pid)], { env: home.env });

    expect(first).toMatchObject({ isMainRepo: true, worktreePath: repo, worktreeName: null, parallelSessions: 1 });
    expect(second).toMatchObject({ isMainRepo: false, parallelSessions: 2 });
    expect(second.worktreePath).toBe(path.join(path.dirname(repo), 'repo-worktrees', second.worktreeName as string));
    expect(git(second.worktreePath, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe(`parallel-cc/${second.sessionId.slice(0, 8)}`);

    const status = pccJson<Status>(['status'], { env: home.env });
    expect(status.totalSessions).toBe(2);
    for (const s of status.sessions) {
      expect(Object.keys(s)).toEqual(
        expect.arrayContaining(['sessionId', 'pid', 'repoPath', 'worktreePath', 'branch', 'baseBranch', 'isMainRepo', 'state', 'lastHeartbeat']),
      );
      expect(s.state).toBe('live');
      expect(s.baseBranch).toBe('main');
      expect(Date.parse(s.lastHeartbeat as string)).not.toBeNaN();
    }

    const released = pcc(['release', '--pid', String(b.pid)], { env: home.env });
    expect(released.code).toBe(0);
    expect(released.stdout).toMatch(/released .*worktree removed, branch parallel-cc\/\w+ deleted/);
    expect(fs.existsSync(second.worktreePath)).toBe(false);
    expect(sessionRows(home.pccHome).map((r) => r.id)).toEqual([first.sessionId]);
  });

  it('registers from a subfolder of a worktree as the same repository, and status --repo filters by it', () => {
    const repo = makeRepo({ 'src/a.ts': 'export {};\n' });
    const other = makeRepo();
    const a = startLive();
    const b = startLive();
    const c = startLive();
    pccJson(['register', '--repo', repo, '--pid', String(a.pid)], { env: home.env });
    const second = pccJson<Registration>(['register', '--repo', path.join(repo, 'src'), '--pid', String(b.pid)], { env: home.env });
    const third = pccJson<Registration & { repoPath: string; workingDirectory: string }>(
      ['register', '--repo', path.join(second.worktreePath, 'src'), '--pid', String(c.pid)],
      { env: home.env },
    );
    expect(third.repoPath).toBe(repo);
    expect(third.workingDirectory).toBe(path.join(third.worktreePath, 'src'));
    pccJson(['register', '--repo', other, '--pid', String(startLive().pid)], { env: home.env });

    expect(pccJson<Status>(['status'], { env: home.env }).totalSessions).toBe(4);
    const filtered = pccJson<Status>(['status', '--repo', path.join(second.worktreePath, 'src')], { env: home.env });
    expect(filtered.totalSessions).toBe(3);
  });

  it('prints a readable table on status and says so when there are no sessions', () => {
    expect(pcc(['status'], { env: home.env }).stdout).toBe('No sessions are registered.\n');
    const repo = makeRepo();
    const a = startLive();
    const reg = pccJson<Registration>(['register', '--repo', repo, '--pid', String(a.pid)], { env: home.env });
    const out = pcc(['status'], { env: home.env }).stdout;
    expect(out).toContain(repo);
    expect(out).toMatch(/SESSION +│ PID +│ WHERE +│ BRANCH +│ PORTS +│ AGE +│ HEARTBEAT +│ STATE/);
    expect(out).toContain(reg.sessionId.slice(0, 8));
    expect(out).toContain('main checkout');
    expect(out).not.toContain('\u001b[');
  });

  it('heartbeats by pid and by PARALLEL_CC_SESSION_ID, and refuses an unknown session', () => {
    const repo = makeRepo();
    const a = startLive();
    const reg = pccJson<Registration>(['register', '--repo', repo, '--pid', String(a.pid)], { env: home.env });
    const before = sessionRows(home.pccHome)[0]?.last_heartbeat as string;
    const byPid = pcc(['heartbeat', '--pid', String(a.pid)], { env: home.env });
    expect(byPid).toMatchObject({ code: 0, stdout: '' });
    const byEnv = pccJson<{ sessionIds: string[] }>(['heartbeat'], { env: { ...home.env, PARALLEL_CC_SESSION_ID: reg.sessionId } });
    expect(byEnv.sessionIds).toEqual([reg.sessionId]);
    expect(Date.parse(sessionRows(home.pccHome)[0]?.last_heartbeat as string)).toBeGreaterThanOrEqual(Date.parse(before));

    const unknown = pcc(['heartbeat', '--session-id', '123e4567-e89b-42d3-a456-426614174000'], { env: home.env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^parallel-cc: No active session with id 123e4567/);
    expect(pcc(['heartbeat'], { env: home.env }).code).toBe(2);
  });

  it('cleanup removes a dead session and keeps a dead session whose worktree holds work', async () => {
    const repo = makeRepo();
    const holder = startLive();
    const clean = startLive();
    const dirty = startLive();
    pccJson(['register', '--repo', repo, '--pid', String(holder.pid)], { env: home.env });
    const c = pccJson<Registration>(['register', '--repo', repo, '--pid', String(clean.pid)], { env: home.env });
    const d = pccJson<Registration>(['register', '--repo', repo, '--pid', String(dirty.pid)], { env: home.env });
    fs.writeFileSync(path.join(d.worktreePath, 'precious.txt'), 'work in progress\n');
    await clean.kill();
    await dirty.kill();

    const plan = pccJson<{ dryRun: boolean; plans: Array<{ sessionId: string; status: string }> }>(['cleanup', '--dry-run'], {
      env: home.env,
    });
    expect(plan.plans).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sessionId: c.sessionId, status: 'would-release' }),
        expect.objectContaining({ sessionId: d.sessionId, status: 'would-keep' }),
      ]),
    );
    expect(fs.existsSync(c.worktreePath)).toBe(true);

    const cleanup = pcc(['cleanup'], { env: home.env });
    expect(cleanup.code).toBe(1);
    expect(cleanup.stdout).toMatch(/kept .*left in place: worktree has 1 untracked file/);
    expect(fs.existsSync(c.worktreePath)).toBe(false);
    expect(fs.readFileSync(path.join(d.worktreePath, 'precious.txt'), 'utf8')).toBe('work in progress\n');
    const states = pccJson<Status>(['status'], { env: home.env }).sessions.map((s) => [s.sessionId, s.state]);
    expect(states).toEqual(expect.arrayContaining([[d.sessionId, 'kept']]));
    expect(states).toHaveLength(2);

    const forced = pccJson<{ results: Array<{ status: string }> }>(['cleanup', '--force'], { env: home.env });
    expect(forced.results).toEqual([expect.objectContaining({ status: 'done' })]);
    expect(fs.existsSync(d.worktreePath)).toBe(false);
  });

  it('works in a repository whose path holds spaces, quotes and $(…), executing nothing', () => {
    const parent = makeTempDir();
    const pwned = path.join(parent, 'pwned');
    const repo = makeRepo({ 'a.ts': 'export const a = 1;\n' }, { parent, name: `my "repo" 'x' $(touch ${pwned})` });
    const a = startLive();
    const b = startLive();
    pccJson(['register', '--repo', repo, '--pid', String(a.pid)], { env: home.env });
    const second = pccJson<Registration>(['register', '--repo', repo, '--pid', String(b.pid)], { env: home.env });
    expect(fs.existsSync(second.worktreePath)).toBe(true);
    expect(pcc(['release', '--pid', String(b.pid)], { env: home.env }).code).toBe(0);
    expect(fs.existsSync(second.worktreePath)).toBe(false);
    expect(fs.existsSync(pwned)).toBe(false);
    expect(fs.readdirSync(parent)).not.toContain('pwned');
  });

  it('doctor reports git, gtr, the database, sessions, claude and the integration; update migrates and is idempotent', () => {
    const doctor = pccJson<{ ok: boolean; checks: Array<{ name: string; status: string; fix?: string }> }>(['doctor'], { env: home.env });
    expect(doctor.ok).toBe(true);
    expect(doctor.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['git', 'gtr', 'database', 'sessions', 'claude', 'hooks', 'mcp', 'alias']));
    expect(doctor.checks.find((c) => c.name === 'hooks')).toMatchObject({ status: 'warn', fix: 'parallel-cc install --hooks' });
    const first = pccJson<{ migrated: Array<{ applied: string[] }> }>(['update'], { env: home.env });
    expect(first.migrated[0]?.applied.length).toBeGreaterThan(0);
    const again = pcc(['update'], { env: home.env });
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain('The database is up to date.');
  });
});
