import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v from 'valibot';
import { runsDb } from '../db/runs-db';
import type { RunnerCoordinator, RunStatus } from '../db/schema';
import { localRepo } from '../local-repo';
import { runRefs } from '../run/fetch-result';
import { runLogPath } from '../run/run-log';
import { listRuns } from './list-runs';
import { parseRunInput } from './run-inputs';
import { isRunAlive } from './run-liveness';
import { FINAL_RUN_STATUSES, isFinalStatus } from './sandbox-run';
import type { SandboxRun } from './sandbox-run';

/** How old, in days, an ended run must be before {@link pruneRuns} removes it by default. */
export const DEFAULT_PRUNE_AGE_DAYS = 30;

const DAY_MS = 24 * 60 * 60_000;
const AgeSchema = v.pipe(v.number('must be a number'), v.integer('must be a whole number of days'), v.minValue(0, 'must be 0 or more'));

/** What {@link pruneRuns} removes; all optional. */
export interface PruneRunsOptions {
  /** Any folder of the repository; without it, the runs of every repository. */
  repo?: string;
  /** Only runs that ended at least this many days ago (default {@link DEFAULT_PRUNE_AGE_DAYS}; 0 for all). */
  olderThanDays?: number;
  /** Also runs whose result is kept nowhere but in the run's own refs. */
  force?: boolean;
  /** Report what would go, remove nothing. */
  dryRun?: boolean;
  env?: NodeJS.ProcessEnv;
  /** The time ages count from (default now). */
  now?: Date;
}

/** A run {@link pruneRuns} removed (or would remove, in a dry run). */
export interface PrunedRun {
  id: string;
  sessionId: string;
  repoPath: string;
  status: RunStatus;
  endedAt: string | null;
  /** The run's refs deleted from its repository. */
  refs: string[];
  /** The run's log file, deleted; null when it was not there. */
  log: string | null;
}

/** An old run {@link pruneRuns} left alone, and why. */
export interface KeptRun {
  id: string;
  sessionId: string;
  status: RunStatus;
  reason: string;
}

/** What {@link pruneRuns} did. */
export interface PruneRunsResult {
  pruned: PrunedRun[];
  kept: KeptRun[];
  dryRun: boolean;
}

/**
 * Removes old sandbox runs: the record, the log, and the refs under `refs/parallel-cc/` that
 * keep each result in its repository. Only runs that ended (completed, failed, timed out,
 * killed) at least `olderThanDays` ago go. A result that lives nowhere else (never applied to
 * a worktree, on no branch) is kept unless `force`; so is a run whose runner died before
 * ending it (`sandbox kill` ends it first). Worktrees and branches are never touched.
 */
export async function pruneRuns(coordinator: RunnerCoordinator, options: PruneRunsOptions = {}): Promise<PruneRunsResult> {
  const env = options.env ?? process.env;
  const days = parseRunInput(AgeSchema, options.olderThanDays ?? DEFAULT_PRUNE_AGE_DAYS, 'age in days');
  const cutoff = (options.now ?? new Date()).getTime() - days * DAY_MS;
  const runs = await listRuns(coordinator, options.repo === undefined ? {} : { repo: options.repo });
  const result: PruneRunsResult = { pruned: [], kept: [], dryRun: options.dryRun === true };
  const refsByRepo = new Map<string, Promise<Map<string, string>>>();
  const refsOf = (run: SandboxRun) => {
    if (!refsByRepo.has(run.repoPath)) refsByRepo.set(run.repoPath, runRefsIn(run.repoPath, env));
    return refsByRepo.get(run.repoPath)!.then((all) => ownRefs(run, all));
  };
  for (const run of runs) {
    if (Date.parse(run.endedAt ?? run.createdAt) > cutoff) continue;
    if (!isFinalStatus(run.status)) {
      if (!isRunAlive(run)) result.kept.push(keep(run, `its runner died before the run ended: \`sandbox kill --session-id ${run.sessionId}\` ends it`));
      continue;
    }
    const refs = await refsOf(run);
    const unsafe = options.force ? null : await resultOnlyInRunRefs(run, refs, env);
    if (unsafe) {
      result.kept.push(keep(run, unsafe));
      continue;
    }
    const log = fs.existsSync(run.logPath) && path.resolve(run.logPath) === runLogPath(env, run.id) ? run.logPath : null;
    if (!options.dryRun) await remove(coordinator, run, [...refs.keys()], log, env);
    result.pruned.push({ id: run.id, sessionId: run.sessionId, repoPath: run.repoPath, status: run.status, endedAt: run.endedAt, refs: [...refs.keys()], log });
  }
  return result;
}

function keep(run: SandboxRun, reason: string): KeptRun {
  return { id: run.id, sessionId: run.sessionId, status: run.status, reason };
}

/** Every ref under `refs/parallel-cc/` in `repo`, with the commit it points at: one git call per repository. */
async function runRefsIn(repo: string, env: NodeJS.ProcessEnv): Promise<Map<string, string>> {
  if (!fs.existsSync(repo)) return new Map();
  const listed = await localRepo(repo, env).run(['for-each-ref', '--format=%(refname) %(objectname)', 'refs/parallel-cc/']);
  if (listed.exitCode !== 0) return new Map();
  return new Map(listed.stdout.split('\n').filter(Boolean).map((line) => line.split(' ') as [string, string]));
}

/** The run's own refs among `all`. */
function ownRefs(run: SandboxRun, all: Map<string, string>): Map<string, string> {
  const names = new Set(Object.values(runRefs(run.id)));
  return new Map([...all].filter(([name]) => names.has(name)));
}

/** Why the run's result must stay (it is kept nowhere else), or null when it may go. */
async function resultOnlyInRunRefs(run: SandboxRun, refs: Map<string, string>, env: NodeJS.ProcessEnv): Promise<string | null> {
  const names = runRefs(run.id);
  const result = refs.get(names.result);
  if (!result || refs.get(names.applied) === result) return null;
  const onBranch = await localRepo(run.repoPath, env).run(['for-each-ref', '--count=1', '--format=%(refname)', '--contains', result, 'refs/heads/']);
  if (onBranch.exitCode === 0 && onBranch.stdout.trim() !== '') return null;
  return `its result (${names.result}) was never brought into a worktree or onto a branch: \`sandbox download --session-id ${run.sessionId}\` applies it; --force prunes it anyway`;
}

async function remove(coordinator: RunnerCoordinator, run: SandboxRun, refs: string[], log: string | null, env: NodeJS.ProcessEnv): Promise<void> {
  if (refs.length > 0) await localRepo(run.repoPath, env).out(['update-ref', '--stdin'], refs.map((ref) => `delete ${ref}\n`).join(''));
  await runsDb(coordinator.db).deleteFrom('sandbox_runs').where('id', '=', run.id).where('status', 'in', FINAL_RUN_STATUSES).execute();
  if (log) fs.rmSync(log, { force: true });
}
