import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, startTrackedProcess } from '@parallel-cc/test-utils';
import type { TempHome } from '@parallel-cc/test-utils';
import { createRun, listRuns, pruneRuns, runSandbox } from '../src';
import { runLogPath } from '../src/run/run-log';
import type { LocalProvider, RunnerCoordinator, RunSummary } from '../src';
import { openRunFixture, standInAgent } from './run-support';
import type { AgentPlan } from './run-support';
import { cleanUp, registerRunSession, rejectionOf, waitFor } from './support';

jest.setTimeout(60_000);

let home: TempHome;
let coordinator: RunnerCoordinator;
let provider: LocalProvider;
let repo: string;

beforeEach(async () => {
  ({ home, coordinator, provider, repo } = await openRunFixture());
});

afterEach(async () => {
  await coordinator.close();
  await cleanUp();
});

const MONTH_LATER = new Date(Date.now() + 31 * 24 * 60 * 60_000);

function run(plan: AgentPlan, extra: { branch?: string } = {}): Promise<RunSummary> {
  return runSandbox(coordinator, { repo, prompt: 'Improve the readme', provider, env: home.env, command: standInAgent(plan).command, ...extra });
}

const runRefsInRepo = () => git(repo, 'for-each-ref', '--format=%(refname)', 'refs/parallel-cc/').split('\n').filter(Boolean).sort();

it('removes old ended runs with their refs and logs, keeping a result that lives nowhere else, worktrees untouched', async () => {
  const applied = await run({ write: { 'README.md': '# applied\n' } });
  const onBranch = await run({ write: { 'README.md': '# on a branch\n' } }, { branch: 'feature/pruned' });
  const nothing = await run({});
  // The agent's result collides with an edit made meanwhile: it is kept only in the run's refs.
  const agent = standInAgent({ write: { 'README.md': '# agent\n' }, sleepMs: 1_000 });
  const stranded = runSandbox(coordinator, { repo, prompt: 'x', provider, env: home.env, command: agent.command });
  await waitFor(() => fs.existsSync(path.join(agent.outDir, 'ready')));
  const [strandedRun] = await listRuns(coordinator, { activeOnly: true });
  fs.writeFileSync(path.join(strandedRun?.worktreePath ?? '', 'README.md'), '# mine\n');
  const conflicted = await stranded;
  expect([applied.status, onBranch.status, nothing.status, conflicted.status]).toEqual(['completed', 'completed', 'completed', 'failed']);
  const worktrees = git(repo, 'worktree', 'list', '--porcelain');
  const refsBefore = runRefsInRepo();
  expect(refsBefore.filter((r) => r.includes(conflicted.runId))).not.toEqual([]);

  // Recent runs stay by default.
  expect(await pruneRuns(coordinator, { env: home.env })).toEqual({ pruned: [], kept: [], dryRun: false });

  const dry = await pruneRuns(coordinator, { env: home.env, now: MONTH_LATER, dryRun: true });
  expect(dry.pruned.map((p) => p.id).sort()).toEqual([applied.runId, onBranch.runId, nothing.runId].sort());
  expect(dry.kept).toEqual([expect.objectContaining({ id: conflicted.runId, reason: expect.stringContaining('never brought into a worktree or onto a branch') })]);
  expect(runRefsInRepo()).toEqual(refsBefore);
  expect(await listRuns(coordinator)).toHaveLength(4);

  const done = await pruneRuns(coordinator, { env: home.env, now: MONTH_LATER });
  expect(done.pruned).toEqual(dry.pruned);
  const appliedPruned = done.pruned.find((p) => p.id === applied.runId);
  expect(appliedPruned?.refs).toEqual(expect.arrayContaining([`refs/parallel-cc/runs/${applied.runId}`, `refs/parallel-cc/run-applied/${applied.runId}`]));
  expect(appliedPruned?.log).toBe(runLogPath(home.env, applied.runId));
  expect(runRefsInRepo()).toEqual(refsBefore.filter((r) => r.endsWith(conflicted.runId)));
  expect((await listRuns(coordinator)).map((r) => r.id)).toEqual([conflicted.runId]);
  for (const gone of [applied, onBranch, nothing]) expect(fs.existsSync(runLogPath(home.env, gone.runId))).toBe(false);
  expect(fs.existsSync(runLogPath(home.env, conflicted.runId))).toBe(true);
  expect(git(repo, 'worktree', 'list', '--porcelain')).toBe(worktrees);
  expect(git(repo, 'show', 'feature/pruned:README.md')).toBe('# on a branch');

  // --force takes the stranded result too.
  const forced = await pruneRuns(coordinator, { env: home.env, now: MONTH_LATER, force: true });
  expect(forced.pruned.map((p) => p.id)).toEqual([conflicted.runId]);
  expect(runRefsInRepo()).toEqual([]);
  expect(await listRuns(coordinator)).toEqual([]);
});

it('never removes a run that has not ended, and names one whose runner died', async () => {
  const live = await registerRunSession(coordinator, repo, home);
  await createRun(coordinator, { sessionId: live.sessionId, provider: 'local', prompt: 'x', logPath: runLogPath(home.env, live.sessionId) });
  const orphan = await registerRunSession(coordinator, repo, home);
  const runner = startTrackedProcess();
  const dead = await createRun(coordinator, { sessionId: orphan.sessionId, provider: 'local', prompt: 'x', logPath: runLogPath(home.env, orphan.sessionId), runnerPid: runner.pid });
  await runner.kill();

  const result = await pruneRuns(coordinator, { env: home.env, now: MONTH_LATER, force: true });
  expect(result.pruned).toEqual([]);
  expect(result.kept).toEqual([{ id: dead.id, sessionId: orphan.sessionId, status: 'pending', reason: expect.stringContaining(`sandbox kill --session-id ${orphan.sessionId}`) }]);
  expect(await listRuns(coordinator)).toHaveLength(2);
});

it('refuses an age that is not a whole number of days from 0', async () => {
  for (const bad of [-1, 1.5, Number.NaN]) {
    expect(await rejectionOf(pruneRuns(coordinator, { env: home.env, olderThanDays: bad }))).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/age in days/) });
  }
});
