import * as fs from 'node:fs';
import * as path from 'node:path';
import { RepoPathSchema } from '@parallel-cc/core-sessions';
import { resolveRepository } from '@parallel-cc/worktree-gtr';
import { sql } from 'kysely';
import { runsDb } from '../db/runs-db';
import type { RunnerCoordinator } from '../db/schema';
import { parseRunInput } from './run-inputs';
import { FINAL_RUN_STATUSES, toSandboxRun } from './sandbox-run';
import type { SandboxRun } from './sandbox-run';

/** Filters of {@link listRuns}; all optional. */
export interface ListRunsOptions {
  /** Any folder of the repository (its main checkout or a worktree). */
  repo?: string;
  /** Only runs not yet in a final state (whose runner may still have died: see `isRunAlive`). */
  activeOnly?: boolean;
}

/** Runs, oldest first, filtered by repository and whether they have ended. */
export async function listRuns(coordinator: RunnerCoordinator, options: ListRunsOptions = {}): Promise<SandboxRun[]> {
  let query = runsDb(coordinator.db).selectFrom('sandbox_runs').selectAll();
  if (options.repo !== undefined) query = query.where('repo_path', '=', await storedRepoPath(parseRunInput(RepoPathSchema, options.repo, 'repository path')));
  if (options.activeOnly) query = query.where('status', 'not in', FINAL_RUN_STATUSES);
  // Runs started in the same millisecond keep the order they were started in (rowid), not their random ids'.
  const rows = await query.orderBy('created_at').orderBy(sql`rowid`).execute();
  return rows.map(toSandboxRun);
}

// Rows hold the main checkout's path; a folder that is gone still names its old rows.
async function storedRepoPath(dir: string): Promise<string> {
  try {
    return (await resolveRepository(dir)).root;
  } catch {
    const absolute = path.resolve(dir);
    return fs.existsSync(absolute) ? fs.realpathSync(absolute) : absolute;
  }
}
