import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRepo, makeTempDir, removeTempDirs, writeFiles } from '@parallel-cc/test-utils';
import type { LiveProcess, TempHome } from '@parallel-cc/test-utils';
import {
  claimFile,
  claimsCompatible,
  cleanupSessions,
  heartbeat,
  listClaims,
  normaliseClaimPath,
  openCoordinator,
  registerInPlace,
  registerSession,
  releaseFile,
  releaseSession,
  releaseSessionClaims,
  takeNotifications,
} from '../src';
import { CLAIM_MODES } from '../src/claims/claim-mode';
import { retireSession } from '../src/sessions/retire';
import type { ClaimMode, ClaimOutcome, Coordinator, FileClaim, Registration } from '../src';
import type { FileClaimsTable } from '../src/db/schema';
import { branchOf, cleanHome, liveProcess, requireRow, sessionErrorOf, stopLiveProcesses } from './support';

let home: TempHome;
let coordinator: Coordinator;
let repo: string;
let a: Registration;
let b: Registration;

beforeAll(async () => {
  home = cleanHome();
  coordinator = await openCoordinator({ env: home.env });
  repo = makeRepo({ 'README.md': '# claims\n', 'src/a.ts': 'export const a = 1;\n', 'lib/b.ts': 'b\n' });
  a = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
  b = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
});

afterEach(async () => {
  await releaseSessionClaims(coordinator.db, a.sessionId);
  await releaseSessionClaims(coordinator.db, b.sessionId);
});

afterAll(async () => {
  await coordinator.close();
  await stopLiveProcesses();
  removeTempDirs();
});

/** Every claim row, as the database holds it. */
function claimRows(c: Coordinator = coordinator): FileClaimsTable[] {
  return c.raw.prepare('select * from file_claims order by file_path, session_id').all() as FileClaimsTable[];
}

/** The claim a granted outcome carries; a refusal is a test error. */
function granted(outcome: ClaimOutcome): FileClaim {
  if (!outcome.granted) throw new Error(`expected a grant, got: ${outcome.message}`);
  return outcome.claim;
}

const at = (iso: string) => new Date(iso);
const plus = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

describe('the compatibility table', () => {
  // held (rows) x wanted (columns), between two different sessions.
  const table: Record<ClaimMode, Record<ClaimMode, boolean>> = {
    EXCLUSIVE: { EXCLUSIVE: false, SHARED: false, INTENT: false },
    SHARED: { EXCLUSIVE: false, SHARED: true, INTENT: true },
    INTENT: { EXCLUSIVE: false, SHARED: true, INTENT: true },
  };

  it('claimsCompatible is exactly the table', () => {
    for (const held of CLAIM_MODES) {
      for (const wanted of CLAIM_MODES) expect([held, wanted, claimsCompatible(held, wanted)]).toEqual([held, wanted, table[held][wanted]]);
    }
  });

  it.each(CLAIM_MODES.flatMap((held) => CLAIM_MODES.map((wanted) => [held, wanted] as const)))(
    'a session holding %s, another wanting %s',
    async (held, wanted) => {
      const file = `src/${held.toLowerCase()}-${wanted.toLowerCase()}.ts`;
      const first = granted(await claimFile(coordinator, { sessionId: a.sessionId, filePath: file, mode: held }));
      expect(first).toMatchObject({ sessionId: a.sessionId, repoPath: repo, filePath: file, mode: held, ttlSeconds: 86_400 });
      const second = await claimFile(coordinator, { sessionId: b.sessionId, filePath: file, mode: wanted });
      expect(second.granted).toBe(table[held][wanted]);
      if (second.granted) {
        expect(claimRows().map((r) => [r.session_id, r.mode]).sort()).toEqual([[a.sessionId, held], [b.sessionId, wanted]].sort());
      } else {
        expect(second).toMatchObject({ filePath: file, mode: wanted, holders: [first] });
        expect(second.message).toContain(`${a.sessionId.slice(0, 8)} (${a.branch})`);
        expect(claimRows().map((r) => [r.session_id, r.mode])).toEqual([[a.sessionId, held]]);
      }
    },
  );
});

describe('claiming again', () => {
  it('escalates INTENT -> SHARED -> EXCLUSIVE when alone, in one row', async () => {
    const intent = granted(await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts', mode: 'INTENT' }));
    const shared = await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts', mode: 'SHARED' });
    expect(shared).toMatchObject({ granted: true, escalatedFrom: 'INTENT', claim: { claimId: intent.claimId, mode: 'SHARED' } });
    expect(shared.message).toMatch(/^Escalated your claim on src\/a\.ts from INTENT to SHARED/);
    const exclusive = await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts' });
    expect(exclusive).toMatchObject({ granted: true, escalatedFrom: 'SHARED', claim: { claimId: intent.claimId, mode: 'EXCLUSIVE' } });
    expect(claimRows().map((r) => [r.id, r.mode])).toEqual([[intent.claimId, 'EXCLUSIVE']]);
  });

  it('refuses escalation past another session\u2019s SHARED claim, keeping the held claim', async () => {
    const mine = granted(await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts', mode: 'INTENT' }));
    const theirs = granted(await claimFile(coordinator, { sessionId: b.sessionId, filePath: 'src/a.ts', mode: 'SHARED' }));
    const refused = await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts', mode: 'EXCLUSIVE' });
    expect(refused).toMatchObject({ granted: false, mode: 'EXCLUSIVE', holders: [theirs] });
    expect(refused.message).toContain('Your INTENT claim stays.');
    expect(claimRows().find((r) => r.session_id === a.sessionId)).toMatchObject({ id: mine.claimId, mode: 'INTENT', expires_at: mine.expiresAt });
    // SHARED sits with SHARED: that escalation goes through.
    expect(await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts', mode: 'SHARED' })).toMatchObject({
      granted: true,
      escalatedFrom: 'INTENT',
    });
  });

  it('with the same or a weaker mode keeps the stronger claim and refreshes its expiry', async () => {
    const t0 = at('2031-01-01T00:00:00.000Z');
    const held = granted(await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts', ttlSeconds: 600, now: t0 }));
    expect(held.expiresAt).toBe('2031-01-01T00:10:00.000Z');
    const t1 = plus(t0, 300);
    const weaker = await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts', mode: 'INTENT', ttlSeconds: 600, now: t1 });
    expect(weaker).toMatchObject({ granted: true, escalatedFrom: null, claim: { claimId: held.claimId, mode: 'EXCLUSIVE', claimedAt: held.claimedAt } });
    expect(granted(weaker).expiresAt).toBe('2031-01-01T00:15:00.000Z');
    expect(weaker.message).toBe('You already hold src/a.ts EXCLUSIVE, which covers INTENT; kept that claim and moved its expiry to 2031-01-01T00:15:00.000Z.');
    const same = await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts', now: plus(t0, 400) });
    expect(same.message).toMatch(/^You already hold src\/a\.ts EXCLUSIVE; kept that claim/);
    expect(claimRows()).toHaveLength(1);
    expect(claimRows()[0]).toMatchObject({ mode: 'EXCLUSIVE', ttl_seconds: 86_400, expires_at: plus(t0, 400 + 86_400).toISOString() });
  });
});

describe('expiry and heartbeats', () => {
  it('an expired claim blocks nobody and is deleted when met', async () => {
    const t0 = at('2031-02-01T00:00:00.000Z');
    await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts', ttlSeconds: 60, now: t0 });
    expect((await claimFile(coordinator, { sessionId: b.sessionId, filePath: 'src/a.ts', now: plus(t0, 59) })).granted).toBe(false);
    expect(await listClaims(coordinator, { now: plus(t0, 59) })).toHaveLength(1);
    const after = await claimFile(coordinator, { sessionId: b.sessionId, filePath: 'src/a.ts', now: plus(t0, 60) });
    expect(after.granted).toBe(true);
    expect(claimRows().map((r) => r.session_id)).toEqual([b.sessionId]);
  });

  it('listing drops expired claims too', async () => {
    const t0 = at('2031-02-02T00:00:00.000Z');
    await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts', ttlSeconds: 60, now: t0 });
    await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'lib/b.ts', ttlSeconds: 120, now: t0 });
    expect((await listClaims(coordinator, { now: plus(t0, 90) })).map((c) => c.filePath)).toEqual(['lib/b.ts']);
    expect(claimRows().map((r) => r.file_path)).toEqual(['lib/b.ts']);
  });

  it('a heartbeat moves each claim of its session to its TTL from now, in place', async () => {
    const t0 = at('2031-03-01T00:00:00.000Z');
    await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts', ttlSeconds: 3600, now: t0 });
    await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'lib/b.ts', ttlSeconds: 60, now: t0 });
    await claimFile(coordinator, { sessionId: b.sessionId, filePath: 'README.md', ttlSeconds: 60, now: t0 });
    const t1 = at('2031-03-01T00:30:00.250Z');
    await heartbeat(coordinator, { sessionId: a.sessionId }, t1);
    expect(claimRows().map((r) => [r.file_path, r.expires_at])).toEqual([
      ['README.md', '2031-03-01T00:01:00.000Z'],
      ['lib/b.ts', '2031-03-01T00:31:00.250Z'],
      ['src/a.ts', '2031-03-01T01:30:00.250Z'],
    ]);
    // By PID too.
    await heartbeat(coordinator, { pid: requireRow(coordinator, b.sessionId).pid }, t1);
    expect(claimRows().find((r) => r.file_path === 'README.md')?.expires_at).toBe('2031-03-01T00:31:00.250Z');
  });
});

describe('releasing', () => {
  it('releaseFile drops one claim, once, and frees the file', async () => {
    const held = granted(await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts' }));
    await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'lib/b.ts' });
    expect(await releaseFile(coordinator, { sessionId: a.sessionId, filePath: path.join(repo, 'src', 'a.ts') })).toEqual({ released: true, claim: held });
    expect(await releaseFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts' })).toEqual({ released: false, claim: null });
    expect(claimRows().map((r) => r.file_path)).toEqual(['lib/b.ts']);
    expect((await claimFile(coordinator, { sessionId: b.sessionId, filePath: 'src/a.ts' })).granted).toBe(true);
    expect((await sessionErrorOf(releaseFile(coordinator, { sessionId: '00000000-0000-4000-8000-000000000000', filePath: 'x' }))).code).toBe('SESSION_NOT_FOUND');
  });

  it('releaseSessionClaims drops all of a session\u2019s claims and counts them', async () => {
    await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts' });
    await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'lib/b.ts' });
    await claimFile(coordinator, { sessionId: b.sessionId, filePath: 'README.md' });
    expect(await releaseSessionClaims(coordinator.db, a.sessionId)).toBe(2);
    expect(claimRows().map((r) => r.session_id)).toEqual([b.sessionId]);
  });
});

describe('notifications', () => {
  it('a refused claim tells each holder who wants which mode of which file, and how to release it', async () => {
    await takeNotifications(coordinator, a.sessionId);
    await takeNotifications(coordinator, b.sessionId);
    const c = await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env });
    try {
      await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts', mode: 'SHARED' });
      await claimFile(coordinator, { sessionId: c.sessionId, filePath: 'src/a.ts', mode: 'INTENT' });
      const refused = await claimFile(coordinator, { sessionId: b.sessionId, filePath: 'src/a.ts', mode: 'EXCLUSIVE' });
      expect(refused.granted).toBe(false);
      // Asked again and again while the notice waits: the holders are told once.
      for (let i = 0; i < 5; i++) expect((await claimFile(coordinator, { sessionId: b.sessionId, filePath: 'src/a.ts', mode: 'EXCLUSIVE' })).granted).toBe(false);
      const who = `${b.sessionId.slice(0, 8)} (${branchOf(b)})`;
      for (const [holder, mode] of [[a, 'SHARED'], [c, 'INTENT']] as const) {
        const notes = await takeNotifications(coordinator, holder.sessionId);
        expect(notes.map((n) => [n.kind, n.text])).toEqual([
          [
            'claim-conflict',
            `Session ${who} wants src/a.ts EXCLUSIVE, which you hold ${mode}; when you are done with it, release it with release_file or \`parallel-cc claims release src/a.ts\`.`,
          ],
        ]);
      }
      expect(await takeNotifications(coordinator, b.sessionId)).toEqual([]);
      // A grant tells nobody.
      await claimFile(coordinator, { sessionId: b.sessionId, filePath: 'src/a.ts', mode: 'SHARED' });
      expect(await takeNotifications(coordinator, a.sessionId)).toEqual([]);
    } finally {
      await releaseSession(coordinator, { sessionId: c.sessionId }, { env: home.env });
    }
  });
});

describe('paths', () => {
  const refusals: Array<[string, () => string, string, RegExp]> = [
    ['a path above the worktree', () => '../x.ts', 'PATH_OUTSIDE_REPOSITORY', /The file path "\.\.\/x\.ts" is outside the repository/],
    ['an absolute path elsewhere', () => '/etc/passwd', 'PATH_OUTSIDE_REPOSITORY', /"\/etc\/passwd" is outside the repository/],
    ['a path through a link that leaves the worktree', () => 'out/x.ts', 'PATH_OUTSIDE_REPOSITORY', /"out\/x\.ts" leads outside the repository through a symbolic link/],
    ['a link to a file outside', () => 'passwd-link', 'PATH_OUTSIDE_REPOSITORY', /"passwd-link" leads outside the repository through a symbolic link \(to \/etc\/passwd\)/],
    ['a dangling link that would create a file outside', () => 'dangling', 'PATH_OUTSIDE_REPOSITORY', /"dangling" leads outside/],
    ['git\u2019s own data', () => '.git', 'INVALID_INPUT', /"\.git" is inside \.git, git's own data/],
    ['git\u2019s config in the main checkout', () => path.join(repo, '.git', 'config'), 'INVALID_INPUT', /is inside \.git/],
    ['an empty path', () => '', 'INVALID_INPUT', /The file path "" is not valid: it must not be empty/],
    ['a NUL byte', () => 'src/a\0.ts', 'INVALID_INPUT', /must not contain NUL bytes/],
    ['the worktree itself', () => '.', 'INVALID_INPUT', /"\." names a folder/],
    ['a folder', () => 'src/', 'INVALID_INPUT', /"src\/" names a folder/],
  ];

  beforeAll(() => {
    const outside = makeTempDir('pcc-outside-');
    fs.symlinkSync(outside, path.join(b.worktreePath, 'out'));
    fs.symlinkSync('/etc/passwd', path.join(b.worktreePath, 'passwd-link'));
    fs.symlinkSync(path.join(outside, 'not-yet', 'made.ts'), path.join(b.worktreePath, 'dangling'));
    fs.symlinkSync('src', path.join(b.worktreePath, 'inner'));
  });

  it('normalises absolute paths in the worktree or the main checkout, and relative ones from the worktree', async () => {
    const norm = (filePath: string) => normaliseClaimPath({ repoRoot: repo, worktreePath: b.worktreePath, filePath });
    expect(norm(path.join(b.worktreePath, 'src', 'a.ts'))).toBe('src/a.ts');
    expect(norm(path.join(repo, 'src', 'a.ts'))).toBe('src/a.ts');
    expect(norm('./lib/../src/./a.ts')).toBe('src/a.ts');
    expect(norm('src//deep/new-file.ts')).toBe('src/deep/new-file.ts');
    expect(norm('inner/a.ts')).toBe('inner/a.ts');
    expect(norm('.gitignore')).toBe('.gitignore');

    const viaWorktree = granted(await claimFile(coordinator, { sessionId: b.sessionId, filePath: path.join(b.worktreePath, 'src', 'a.ts') }));
    expect(viaWorktree.filePath).toBe('src/a.ts');
    // The same file named from the main checkout, or relative to the worktree: already held.
    const again = await claimFile(coordinator, { sessionId: b.sessionId, filePath: `${repo}/lib/../src/a.ts` });
    expect(again).toMatchObject({ granted: true, claim: { claimId: viaWorktree.claimId } });
    expect((await claimFile(coordinator, { sessionId: a.sessionId, filePath: './src/a.ts' })).granted).toBe(false);
    expect(granted(await claimFile(coordinator, { sessionId: b.sessionId, filePath: 'src/not/made/yet.ts' })).filePath).toBe('src/not/made/yet.ts');
    expect(fs.existsSync(path.join(b.worktreePath, 'src', 'not'))).toBe(false);
  });

  it.each(refusals)('refuses %s, naming it, and writes nothing', async (_what, filePath, code, message) => {
    const before = claimRows();
    const error = await sessionErrorOf(claimFile(coordinator, { sessionId: b.sessionId, filePath: filePath() }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(claimRows()).toEqual(before);
    expect(() => normaliseClaimPath({ repoRoot: repo, worktreePath: b.worktreePath, filePath: filePath() })).toThrow(message);
  });

  it('refuses a loop of links', () => {
    fs.symlinkSync('loop-b', path.join(b.worktreePath, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(b.worktreePath, 'loop-b'));
    expect(() => normaliseClaimPath({ repoRoot: repo, worktreePath: b.worktreePath, filePath: 'loop-a' })).toThrow(/loop of symbolic links/);
  });

  it('refuses another session\u2019s worktree', () => {
    expect(() => normaliseClaimPath({ repoRoot: repo, worktreePath: repo, filePath: path.join(b.worktreePath, 'src', 'a.ts') })).toThrow(
      /is outside the repository/,
    );
  });
});

describe('inputs', () => {
  it('refuses bad modes, TTLs, times and session ids; an unknown session is SESSION_NOT_FOUND', async () => {
    const claim = (options: Partial<Parameters<typeof claimFile>[1]>) =>
      sessionErrorOf(claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts', ...options }));
    expect((await claim({ mode: 'exclusive' as ClaimMode })).message).toBe(
      'The claim mode "exclusive" is not valid: it must be one of EXCLUSIVE, SHARED and INTENT.',
    );
    expect((await claim({ ttlSeconds: 59 })).message).toContain('claim TTL 59 is not valid: it must be at least 60 seconds');
    expect((await claim({ ttlSeconds: 604_801 })).message).toContain('must be at most 604800 seconds');
    expect((await claim({ ttlSeconds: 90.5 })).code).toBe('INVALID_INPUT');
    expect((await claim({ now: new Date(Number.NaN) })).code).toBe('INVALID_INPUT');
    expect((await claim({ sessionId: 'nope' })).code).toBe('INVALID_INPUT');
    const unknown = await claim({ sessionId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.code).toBe('SESSION_NOT_FOUND');
    expect(unknown.message).toContain('00000000-0000-4000-8000-000000000000');
    expect(claimRows()).toEqual([]);
    expect(granted(await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts', ttlSeconds: 604_800 })).ttlSeconds).toBe(604_800);
  });

  it('listClaims filters by repository, session and file', async () => {
    const other = makeRepo();
    const c = await registerSession(coordinator, { repo: other, pid: liveProcess().pid, env: home.env });
    try {
      await claimFile(coordinator, { sessionId: a.sessionId, filePath: 'src/a.ts', mode: 'SHARED' });
      await claimFile(coordinator, { sessionId: b.sessionId, filePath: 'src/a.ts', mode: 'SHARED' });
      await claimFile(coordinator, { sessionId: b.sessionId, filePath: 'lib/b.ts' });
      await claimFile(coordinator, { sessionId: c.sessionId, filePath: 'README.md' });
      const files = (claims: FileClaim[]) => claims.map((x) => `${x.sessionId.slice(0, 8)}:${x.filePath}`);
      expect(await listClaims(coordinator)).toHaveLength(4);
      expect((await listClaims(coordinator, { repoRoot: repo })).map((x) => x.filePath)).toEqual(['lib/b.ts', 'src/a.ts', 'src/a.ts']);
      expect(files(await listClaims(coordinator, { sessionId: b.sessionId }))).toEqual([`${b.sessionId.slice(0, 8)}:lib/b.ts`, `${b.sessionId.slice(0, 8)}:src/a.ts`]);
      expect(await listClaims(coordinator, { filePath: './src/../src/a.ts' })).toHaveLength(2);
      expect(await listClaims(coordinator, { repoRoot: repo, filePath: path.join(repo, 'src', 'a.ts') })).toHaveLength(2);
      expect((await sessionErrorOf(listClaims(coordinator, { filePath: '../a.ts' }))).code).toBe('INVALID_INPUT');
      expect((await sessionErrorOf(listClaims(coordinator, { sessionId: 'x' }))).code).toBe('INVALID_INPUT');
    } finally {
      await releaseSession(coordinator, { sessionId: c.sessionId }, { env: home.env });
    }
  });
});

describe('claims end with their session', () => {
  let local: Coordinator;
  let localHome: TempHome;
  let localRepo: string;

  beforeEach(async () => {
    localHome = cleanHome();
    local = await openCoordinator({ env: localHome.env });
    localRepo = makeRepo({ 'README.md': '# mine\n', 'src/a.ts': 'a\n' });
  });
  afterEach(() => local.close());

  const session = async (): Promise<{ reg: Registration; process: LiveProcess }> => {
    const process = liveProcess();
    return { reg: await registerSession(local, { repo: localRepo, pid: process.pid, env: localHome.env }), process };
  };
  const claimsOf = (id: string) => claimRows(local).filter((r) => r.session_id === id);

  it('a dead holder\u2019s claim blocks nobody and is deleted in the same transaction', async () => {
    const holder = await session();
    const wanter = await session();
    await claimFile(local, { sessionId: holder.reg.sessionId, filePath: 'src/a.ts' });
    await holder.process.kill();
    const outcome = await claimFile(local, { sessionId: wanter.reg.sessionId, filePath: 'src/a.ts' });
    expect(outcome.granted).toBe(true);
    expect(claimRows(local).map((r) => r.session_id)).toEqual([wanter.reg.sessionId]);
    // A dead session claims nothing either.
    expect((await sessionErrorOf(claimFile(local, { sessionId: holder.reg.sessionId, filePath: 'README.md' }))).code).toBe('SESSION_NOT_FOUND');
  });

  it('on release', async () => {
    const one = await session();
    await claimFile(local, { sessionId: one.reg.sessionId, filePath: 'src/a.ts' });
    await releaseSession(local, { sessionId: one.reg.sessionId }, { env: localHome.env });
    expect(claimRows(local)).toEqual([]);
  });

  it('on retirement, even when the worktree is kept and its row stays', async () => {
    await session();
    const worker = await session();
    await claimFile(local, { sessionId: worker.reg.sessionId, filePath: 'src/a.ts' });
    writeFiles(worker.reg.worktreePath, { 'src/a.ts': 'unsaved work\n' });
    const result = await retireSession(local, requireRow(local, worker.reg.sessionId), { env: localHome.env });
    expect(result.status).toBe('kept');
    expect(requireRow(local, worker.reg.sessionId).status).toBe('kept');
    expect(claimsOf(worker.reg.sessionId)).toEqual([]);
  });

  it('on cleanup of dead sessions', async () => {
    const keeper = await session();
    const dead = await session();
    await claimFile(local, { sessionId: keeper.reg.sessionId, filePath: 'README.md' });
    await claimFile(local, { sessionId: dead.reg.sessionId, filePath: 'src/a.ts' });
    await dead.process.kill();
    const results = await cleanupSessions(local, { env: localHome.env });
    expect(results.map((r) => r.sessionId)).toEqual([dead.reg.sessionId]);
    expect(claimRows(local).map((r) => r.session_id)).toEqual([keeper.reg.sessionId]);
  });

  it('when a new process takes over a dead session\u2019s row in place', async () => {
    const gone = liveProcess();
    const first = await registerInPlace(local, { dir: localRepo, pid: gone.pid, claudeSessionId: null, env: localHome.env });
    const id = first.session?.id ?? '';
    await claimFile(local, { sessionId: id, filePath: 'src/a.ts' });
    await gone.kill();
    const again = await registerInPlace(local, { dir: localRepo, pid: liveProcess().pid, claudeSessionId: null, env: localHome.env });
    expect(again.session?.id).toBe(id);
    expect(claimRows(local)).toEqual([]);
  });

  it('the database backs this up: deleting a session row cascades, and modes are checked', async () => {
    const one = await session();
    await claimFile(local, { sessionId: one.reg.sessionId, filePath: 'src/a.ts' });
    const insert = local.raw.prepare(
      "insert into file_claims values ('x', ?, ?, 'README.md', 'BOGUS', 60, '2031-01-01T00:00:00.000Z', '2031-01-01T00:01:00.000Z')",
    );
    expect(() => insert.run(one.reg.sessionId, localRepo)).toThrow(/CHECK constraint failed/);
    const duplicate = local.raw.prepare(
      "insert into file_claims values ('y', ?, ?, 'src/a.ts', 'INTENT', 60, '2031-01-01T00:00:00.000Z', '2031-01-01T00:01:00.000Z')",
    );
    expect(() => duplicate.run(one.reg.sessionId, localRepo)).toThrow(/UNIQUE constraint failed/);
    local.raw.prepare('delete from sessions where id = ?').run(one.reg.sessionId);
    expect(claimRows(local)).toEqual([]);
  });
});
