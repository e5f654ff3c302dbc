import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { commitFiles, git, makeRepo, makeTempDir } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import type { Coordinator } from '@parallel-cc/core-sessions';
import { watchOnce } from '../src';
import type { WatchLogEntry } from '../src';
import { runWatchLoop } from '../src/watch/run-watch-loop';
import { branchOf, registerLive, sessionIds, useFreshCoordinator, waitFor } from './support';

let home: TempHome;
let coordinator: Coordinator;

useFreshCoordinator((fresh) => ({ home, coordinator } = fresh));

/** A repository with a live main-checkout session, a merged worktree session and a dead one. */
async function scene() {
  const repo = makeRepo({ 'a.txt': 'a\n' });
  await registerLive(coordinator, repo, home);
  const work = await registerLive(coordinator, repo, home);
  const dead = await registerLive(coordinator, repo, home);
  commitFiles(work.worktreePath, { 'b.txt': 'b\n' }, 'b');
  git(repo, 'merge', '-q', '--no-ff', '-m', 'merge', branchOf(work));
  await dead.process.kill();
  return { repo, work, dead };
}

describe('watchOnce', () => {
  test('polls, records the merge and cleans up the dead session, in one summary', async () => {
    const { repo, work, dead } = await scene();
    const summary = await watchOnce({ env: home.env, round: 7 });
    expect(summary).toMatchObject({ round: 7, repos: 1, notified: 1, cleaned: 1, kept: 0, errors: [], warnings: [] });
    expect(summary.events.map((e) => [e.repoPath, e.branch])).toEqual([[repo, work.branch]]);
    expect(summary.durationMs).toBeGreaterThanOrEqual(0);
    expect(sessionIds(coordinator)).not.toContain(dead.sessionId);
    expect(fs.existsSync(dead.worktreePath)).toBe(false);
  });

  test('tidies what a crashed registration left: a worktree no row owns and an empty session branch', async () => {
    const { repo } = await scene();
    const folder = path.join(path.dirname(repo), 'repo-worktrees', 'parallel-cc-0000abcd');
    git(repo, 'worktree', 'add', '-q', '-b', 'parallel-cc/0000abcd', folder, 'main');
    git(repo, 'branch', 'parallel-cc/0000dcba');
    const summary = await watchOnce({ env: home.env });
    expect(summary).toMatchObject({ cleaned: 1, leftoversRemoved: 2, errors: [] });
    expect(fs.existsSync(folder)).toBe(false);
    expect(git(repo, 'branch', '--list', 'parallel-cc/0000*')).toBe('');
  });

  test("records the files each live session's place holds changed, however they were changed", async () => {
    const repo = makeRepo({ 'a.txt': 'a\n' });
    await registerLive(coordinator, repo, home);
    const work = await registerLive(coordinator, repo, home);
    commitFiles(work.worktreePath, { 'b.txt': 'b\n' }, 'committed with git');
    fs.writeFileSync(path.join(work.worktreePath, 'a.txt'), 'A\n');
    await watchOnce({ env: home.env });
    const rows = coordinator.raw.prepare('select file_path, uncommitted from changed_files where session_id = ? order by file_path').all(work.sessionId);
    expect(rows).toEqual([
      { file_path: 'a.txt', uncommitted: 1 },
      { file_path: 'b.txt', uncommitted: 0 },
    ]);
  });

  test('without cleanup, dead sessions stay', async () => {
    const { dead } = await scene();
    expect(await watchOnce({ env: home.env, cleanup: false })).toMatchObject({ round: 1, cleaned: 0, events: [{ how: 'ancestor' }] });
    expect(sessionIds(coordinator)).toContain(dead.sessionId);
  });
});

describe('runWatchLoop', () => {
  test('logs a structured entry per round and stops well within 2 s of the abort, even mid-wait', async () => {
    const { work } = await scene();
    const entries: Array<Record<string, unknown>> = [];
    const controller = new AbortController();
    const loop = runWatchLoop({ env: home.env, intervalMs: 60_000, signal: controller.signal, log: (e) => entries.push(e) });
    await waitFor(() => entries.length === 1, 'the first round');
    const aborted = performance.now();
    controller.abort();
    await loop;
    expect(performance.now() - aborted).toBeLessThan(2000);
    expect(entries).toEqual([
      expect.objectContaining({
        round: 1,
        repos: 1,
        newEvents: 1,
        events: [expect.objectContaining({ branch: work.branch, targetBranch: 'main', how: 'ancestor' })],
        cleaned: 1,
        errors: [],
        durationMs: expect.any(Number),
      }),
    ]);
  });

  test('runs round after round; a round that fails as a whole is logged and the loop goes on', async () => {
    const notAFolder = path.join(makeTempDir(), 'file');
    fs.writeFileSync(notAFolder, '');
    const entries: Array<Record<string, unknown>> = [];
    const controller = new AbortController();
    const loop = runWatchLoop({
      env: { ...home.env, PARALLEL_CC_HOME: path.join(notAFolder, 'home') },
      intervalMs: 5,
      signal: controller.signal,
      log: (e) => entries.push(e),
    });
    await waitFor(() => entries.length >= 3, 'three rounds');
    controller.abort();
    await loop;
    expect(entries.slice(0, 3).map((e) => e['round'])).toEqual([1, 2, 3]);
    expect(entries[0]).toMatchObject({ repos: 0, newEvents: 0, errors: [{ message: expect.stringContaining('ENOTDIR') }] });
  });

  test('an abort during a round lets that round finish and be logged, then stops', async () => {
    const { work } = await scene();
    const entries: WatchLogEntry[] = [];
    const controller = new AbortController();
    // The first round starts at once, inside this call: the abort lands while it runs.
    const loop = runWatchLoop({ env: home.env, intervalMs: 60_000, signal: controller.signal, log: (e) => entries.push(e) });
    controller.abort();
    await loop;
    expect(entries.map((e) => [e.round, e.events.map((m) => m.branch)])).toEqual([[1, [work.branch]]]);
  });

  test('does nothing when the signal has already aborted', async () => {
    const log = jest.fn();
    await runWatchLoop({ env: home.env, intervalMs: 10, signal: AbortSignal.abort(), log });
    expect(log).not.toHaveBeenCalled();
  });
});
