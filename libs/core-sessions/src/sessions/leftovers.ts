import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LeftoverResult } from '@parallel-cc/worktree-gtr';
import type { Coordinator } from '../db/open-database';
import { repositoriesWithKept } from './kept-leftovers';
import { processStartTime } from '../liveness/process-start';

/** Options for {@link cleanupLeftovers}. */
export interface LeftoverOptions {
  /** The repositories (main checkout paths) to look in; see {@link repositoriesToTidy}. */
  repos: string[];
  /** Only report what would be done. */
  dryRun?: boolean;
  /** Remove leftover worktrees and folders even when they hold changes. */
  force?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** One leftover and what happened to it, with its repository (kind `repository`: it could not be looked into). */
export type RepositoryLeftover = Omit<LeftoverResult, 'kind'> & { kind: LeftoverResult['kind'] | 'repository'; repoPath: string };

/**
 * The repositories a cleanup should look into for leftovers: `repo` when given, else every one
 * that has sessions or something kept from an earlier cleanup (so that a kept branch, once
 * merged, is deleted and forgotten). Read it before cleaning sessions up, so that a repository
 * whose last session goes in this round is still looked into.
 */
export async function repositoriesToTidy(coordinator: Coordinator, repo?: string): Promise<string[]> {
  if (repo !== undefined) return [repo];
  const rows = await coordinator.db.selectFrom('sessions').select('repo_path').distinct().execute();
  return [...new Set([...rows.map((r) => r.repo_path), ...(await repositoriesWithKept(coordinator.db))])].sort();
}

/**
 * Finds and tidies what crashed registrations and interrupted cleanups left in `repos`: worktrees
 * and folders in the worktrees folder that no session row owns, and session branches with neither
 * worktree nor row. Work is never lost (see worktree-gtr's `repairLeftovers`); the places and
 * branches of every session row, live or not, are never touched. A repository that is gone is
 * skipped. Returns one result per leftover, never throwing half way.
 */
export async function cleanupLeftovers(coordinator: Coordinator, options: LeftoverOptions): Promise<RepositoryLeftover[]> {
  const { repairLeftovers } = await import('@parallel-cc/worktree-gtr');
  // Read under the repository's lock: a registration reserves its row before it makes its worktree.
  const owned = async () => {
    const rows = await coordinator.db.selectFrom('sessions').select(['worktree_path', 'branch']).execute();
    return { paths: rows.map((r) => r.worktree_path), branches: rows.flatMap((r) => (r.branch ? [r.branch] : [])) };
  };
  const results: RepositoryLeftover[] = [];
  for (const repoPath of options.repos) {
    if (!fs.existsSync(path.join(repoPath, '.git'))) continue;
    try {
      const found = await repairLeftovers({ repoRoot: repoPath, owned, dryRun: options.dryRun, force: options.force, env: options.env, processStartTime });
      results.push(...found.map((r) => ({ repoPath, ...r })));
    } catch (error) {
      results.push({ repoPath, kind: 'repository', path: repoPath, branch: null, status: 'failed', reasons: [(error as Error).message] });
    }
  }
  return results;
}
