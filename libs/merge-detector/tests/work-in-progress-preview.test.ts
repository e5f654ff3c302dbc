import * as fs from 'node:fs';
import { cleanupSessions } from '@parallel-cc/core-sessions';
import { commitFiles, git, makeRepo, writeFiles } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { detectSessionConflicts, previewSessionConflicts } from '../src';
import type { MergeCoordinator, SessionPairCheck } from '../src';
import { branchOf, registerLive, useFreshCoordinator } from './support';

let home: TempHome;
let coordinator: MergeCoordinator;

useFreshCoordinator((fresh) => ({ home, coordinator } = fresh));

const LINES = '1\n2\n3\n4\n5\n6\n7\n';

/** The index file of a work tree, its bytes and mtime: what a preview must leave exactly as it was. */
function indexOf(worktree: string) {
  const file = git(worktree, 'rev-parse', '--path-format=absolute', '--git-path', 'index');
  return { bytes: fs.readFileSync(file).toString('base64'), mtimeMs: fs.statSync(file).mtimeMs };
}

/** A main checkout session and two worktree sessions of a fresh repository. */
async function scene() {
  const repo = makeRepo({ 'shared.txt': LINES, 'other.txt': 'other\n' });
  const main = await registerLive(coordinator, repo, home);
  const one = await registerLive(coordinator, repo, home);
  const two = await registerLive(coordinator, repo, home);
  return { repo, main, one, two };
}

const pairOf = (checks: SessionPairCheck[], a: string, b: string) =>
  checks.find((c) => (c.ours === a && c.theirs === b) || (c.ours === b && c.theirs === a));

const sources = (check: SessionPairCheck | undefined) => check?.conflicts.map((c) => [c.path, c.source, c.uncommittedIn]);

describe('previewSessionConflicts with work in progress', () => {
  test('uncommitted edits of one line in two worktrees collide, as uncommitted work; the indexes and files stay as they were', async () => {
    const { one, two } = await scene();
    writeFiles(one.worktreePath, { 'shared.txt': LINES.replace('2', 'from one') });
    writeFiles(two.worktreePath, { 'shared.txt': LINES.replace('2', 'from two'), 'notes.txt': 'untracked\n' });
    const before = [indexOf(one.worktreePath), indexOf(two.worktreePath)];

    const preview = await previewSessionConflicts(coordinator, { repoRoot: one.worktreePath });

    expect([indexOf(one.worktreePath), indexOf(two.worktreePath)]).toEqual(before);
    expect(git(two.worktreePath, '--no-optional-locks', 'status', '--porcelain')).toBe('M shared.txt\n?? notes.txt');
    const pair = pairOf(preview.checks, branchOf(one), branchOf(two));
    expect(pair).toMatchObject({ status: 'conflicts', oursSessionId: one.sessionId, theirsSessionId: two.sessionId, kept: false });
    expect(pair?.oursRef).not.toBe(branchOf(one));
    expect(sources(pair)).toEqual([['shared.txt', 'uncommitted', ['ours', 'theirs']]]);
    expect(preview.sessions.find((s) => s.sessionId === two.sessionId)?.uncommitted.sort()).toEqual(['notes.txt', 'shared.txt']);
    // main (clean: the main checkout's branch, also the worktrees' base) merges cleanly with each worktree's work.
    expect(preview.checks.filter((c) => c.ours === 'main').map((c) => [c.theirs, c.status])).toEqual([[branchOf(one), 'clean'], [branchOf(two), 'clean']]);

    const branchesOnly = await previewSessionConflicts(coordinator, { repoRoot: one.worktreePath, workInProgress: false });
    expect(branchesOnly.conflicting).toBe(0);
  });

  test('committed on one side and uncommitted on the other is uncommitted; committed on both sides is committed', async () => {
    const { one, two } = await scene();
    commitFiles(one.worktreePath, { 'shared.txt': LINES.replace('2', 'from one') }, 'one');
    writeFiles(two.worktreePath, { 'shared.txt': LINES.replace('2', 'from two') });

    const halfway = await previewSessionConflicts(coordinator, { repoRoot: one.worktreePath });
    expect(sources(pairOf(halfway.checks, branchOf(one), branchOf(two)))).toEqual([['shared.txt', 'uncommitted', ['theirs']]]);

    git(two.worktreePath, 'commit', '-qam', 'two');
    writeFiles(two.worktreePath, { 'shared.txt': LINES.replace('2', 'from two').replace('6', 'six') });
    const committed = await previewSessionConflicts(coordinator, { repoRoot: one.worktreePath });
    // The collision is in the commits already; that two has more uncommitted work on the file does not change where it comes from.
    expect(sources(pairOf(committed.checks, branchOf(one), branchOf(two)))).toEqual([['shared.txt', 'committed', ['theirs']]]);
  });

  test("the main checkout's uncommitted work collides with a worktree's, and the worktree is still checked against committed main", async () => {
    const { repo, main, one } = await scene();
    writeFiles(repo, { 'shared.txt': LINES.replace('2', 'from main') });
    writeFiles(one.worktreePath, { 'shared.txt': LINES.replace('2', 'from one') });

    const preview = await previewSessionConflicts(coordinator, { repoRoot: repo });

    const pair = preview.checks.find((c) => c.oursSessionId === main.sessionId && c.theirsSessionId === one.sessionId);
    expect(sources(pair)).toEqual([['shared.txt', 'uncommitted', ['ours', 'theirs']]]);
    const base = preview.checks.find((c) => c.against === 'base' && c.oursSessionId === one.sessionId);
    expect(base).toMatchObject({ theirs: 'main', theirsRef: 'main', status: 'clean' });
  });

  test("a dead session's uncommitted work is not compared; a kept worktree's is, marked as kept", async () => {
    const { repo, one, two } = await scene();
    writeFiles(one.worktreePath, { 'shared.txt': LINES.replace('2', 'from one') });
    writeFiles(two.worktreePath, { 'shared.txt': LINES.replace('2', 'from two') });
    await two.process.kill();

    const stale = await previewSessionConflicts(coordinator, { repoRoot: repo });
    expect(stale.sessions.map((s) => s.sessionId)).not.toContain(two.sessionId);
    expect(stale.conflicting).toBe(0);

    await cleanupSessions(coordinator, { repo, env: home.env });
    const kept = await previewSessionConflicts(coordinator, { repoRoot: repo });
    expect(kept.sessions.find((s) => s.sessionId === two.sessionId)?.state).toBe('kept');
    const pair = pairOf(kept.checks, branchOf(one), branchOf(two));
    expect(pair).toMatchObject({ status: 'conflicts', kept: true });
    expect(sources(pair)).toEqual([['shared.txt', 'uncommitted', ['ours', 'theirs']]]);
  });

  test("a worktree's uncommitted work against its base's new commits is an uncommitted conflict of the base check", async () => {
    const { repo, main, one } = await scene();
    await main.process.kill();
    commitFiles(repo, { 'shared.txt': LINES.replace('2', 'main moved') }, 'main moves');
    writeFiles(one.worktreePath, { 'shared.txt': LINES.replace('2', 'from one') });

    const preview = await previewSessionConflicts(coordinator, { repoRoot: one.worktreePath });

    const base = preview.checks.find((c) => c.against === 'base' && c.oursSessionId === one.sessionId);
    expect(base).toMatchObject({ theirs: 'main', status: 'conflicts', theirsSessionId: null });
    expect(sources(base)).toEqual([['shared.txt', 'uncommitted', ['ours']]]);
  });

  test('a work tree that cannot be read is compared by its branch, and says why', async () => {
    const { repo, one, two } = await scene();
    commitFiles(two.worktreePath, { 'shared.txt': LINES.replace('2', 'from two') }, 'two');
    fs.rmSync(`${one.worktreePath}/.git`);

    const preview = await previewSessionConflicts(coordinator, { repoRoot: repo });

    const session = preview.sessions.find((s) => s.sessionId === one.sessionId);
    expect(session).toMatchObject({ ref: branchOf(one), head: null, uncommitted: [], snapshotProblem: expect.stringContaining('is not the top folder of a git work tree') });
    expect(pairOf(preview.checks, branchOf(one), branchOf(two))?.status).toBe('clean');
  });

  // A quiet session costs one git status (conflict-engine's snapshot tests count the processes).
  test('a main checkout that switched branches since it registered is previewed on the branch checked out now', async () => {
    const { repo, main, one } = await scene();
    git(repo, 'checkout', '-q', '-b', 'dev');
    commitFiles(repo, { 'shared.txt': LINES.replace('2', 'from dev') }, 'dev work');
    commitFiles(one.worktreePath, { 'shared.txt': LINES.replace('2', 'from one') }, 'one work');

    const preview = await previewSessionConflicts(coordinator, { repoRoot: repo });
    const mine = preview.sessions.find((s) => s.sessionId === main.sessionId);
    expect(mine).toMatchObject({ branch: 'dev', ref: 'dev', head: git(repo, 'rev-parse', 'dev') });
    expect(pairOf(preview.checks, 'dev', branchOf(one))).toMatchObject({ status: 'conflicts', oursSessionId: main.sessionId });
    // Asked about main itself, the session that left it does not stand for it.
    const report = await detectSessionConflicts(coordinator, { repoRoot: repo, ours: 'main', theirs: branchOf(one) });
    expect(report).toMatchObject({ clean: true, ours: { ref: 'main', session: null } });
  });

  test('the same work gives the same snapshot in every preview', async () => {
    const { one, two } = await scene();
    writeFiles(one.worktreePath, { 'shared.txt': LINES.replace('2', 'from one') });
    writeFiles(two.worktreePath, { 'shared.txt': LINES.replace('2', 'from two') });
    const first = await previewSessionConflicts(coordinator, { repoRoot: one.worktreePath });
    const second = await previewSessionConflicts(coordinator, { repoRoot: one.worktreePath });
    expect(second.sessions.map((s) => s.ref)).toEqual(first.sessions.map((s) => s.ref));
  });
});

describe('detectSessionConflicts', () => {
  test("two branches with their sessions' uncommitted work, and a branch no session holds as it is", async () => {
    const { repo, one, two } = await scene();
    writeFiles(one.worktreePath, { 'shared.txt': LINES.replace('2', 'from one') });
    commitFiles(two.worktreePath, { 'shared.txt': LINES.replace('2', 'from two') }, 'two');
    git(repo, 'branch', 'lonely', branchOf(two));

    const report = await detectSessionConflicts(coordinator, { repoRoot: repo, ours: branchOf(two), theirs: branchOf(one) });
    expect(report.clean).toBe(false);
    expect(report.conflicts.map((c) => [c.path, c.source, c.uncommittedIn])).toEqual([['shared.txt', 'uncommitted', ['theirs']]]);
    expect(report.theirs.session?.sessionId).toBe(one.sessionId);
    expect(report.ours.ref).toBe(branchOf(two));

    const lonely = await detectSessionConflicts(coordinator, { repoRoot: repo, ours: 'lonely', theirs: branchOf(one), workInProgress: false });
    expect(lonely).toMatchObject({ clean: true, conflicts: [], theirs: { ref: branchOf(one), session: null } });
  });

  test('a committed semantic break stays committed beside unrelated uncommitted work, and its reason names the branch, not the snapshot', async () => {
    const math = 'export function mul(a: number, b: number): number {\n  return a * b;\n}\n';
    const repo = makeRepo({ 'src/math.ts': math, 'notes.txt': 'n\n' });
    await registerLive(coordinator, repo, home);
    const renamer = await registerLive(coordinator, repo, home);
    const caller = await registerLive(coordinator, repo, home);
    commitFiles(renamer.worktreePath, { 'src/math.ts': math.replace('function mul', 'function times') }, 'rename');
    commitFiles(caller.worktreePath, { 'src/area.ts': "import { mul } from './math';\n\nexport const area = mul(2, 3);\n" }, 'caller');
    writeFiles(caller.worktreePath, { 'notes.txt': 'edited, unrelated\n' });

    const report = await detectSessionConflicts(coordinator, { repoRoot: repo, ours: branchOf(renamer), theirs: branchOf(caller) });
    expect(report.theirs.ref).not.toBe(branchOf(caller));
    const [semantic] = report.conflicts;
    expect(report.conflicts.map((c) => [c.path, c.kind, c.source, c.uncommittedIn])).toEqual([['src/area.ts', 'semantic', 'committed', []]]);
    expect(semantic?.classification?.reason).toContain(branchOf(caller));
    expect(semantic?.classification?.reason).not.toContain(report.theirs.ref);

    writeFiles(caller.worktreePath, { 'src/area.ts': "import { mul } from './math';\n\nexport const area = mul(4, 5);\n" });
    const dirty = await detectSessionConflicts(coordinator, { repoRoot: repo, ours: branchOf(renamer), theirs: branchOf(caller) });
    expect(dirty.conflicts.map((c) => [c.path, c.source, c.uncommittedIn])).toEqual([['src/area.ts', 'uncommitted', ['theirs']]]);
  });
});
