import * as fs from 'node:fs';
import { readWorktreeConfig } from './config';
import { findLeftovers, SESSION_BRANCH } from './find-leftovers';
import type { Leftover, Owned } from './find-leftovers';
import { runGit, tryGit } from './git';
import { currentBranch, unsavedWork } from './inspect-worktree';
import { integratedBranches } from './integrated-branches';
import { removeBranchIfSafe } from './remove-worktree';
import { withRepositoryLock } from './repository-lock';
import type { RepositoryLockOptions } from './repository-lock';
import { HALF_MADE_LOCK } from './worktree-admin';

/** A request to find, and unless `dryRun` tidy, what sessions left behind in a repository. */
export interface RepairLeftoversOptions extends RepositoryLockOptions {
  repoRoot: string;
  /** What sessions own; called holding the repository's lock, so that no registration slips in between. */
  owned: () => Promise<Owned>;
  /** Only report what would be done. */
  dryRun?: boolean;
  /** Remove leftover worktrees and folders even when they hold changes. Branches are never forced. */
  force?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * What happened to one leftover. done: removed (a worktree's branch may stay: see `reasons`);
 * kept: it holds work, or a branch has commits of its own; failed: an error, nothing lost.
 */
export interface LeftoverResult {
  kind: Leftover['kind'];
  path: string | null;
  branch: string | null;
  status: 'done' | 'kept' | 'failed' | 'would-remove' | 'would-keep';
  reasons: string[];
}

/**
 * Finds what crashed or interrupted sessions left in a repository ({@link findLeftovers}) and
 * tidies it under the rules of a release: a clean leftover worktree or an empty folder goes, one
 * holding work is kept and reported; a session branch goes only when integrated into the main
 * checkout's branch or without commits of its own. A worktree git still marks as `initializing`
 * was never handed to anyone (its `git worktree add` died) and goes whatever it holds.
 */
export async function repairLeftovers(options: RepairLeftoversOptions): Promise<LeftoverResult[]> {
  const { repoRoot, env = process.env } = options;
  return withRepositoryLock(repoRoot, options, async () => {
    const config = await readWorktreeConfig(repoRoot, env);
    const leftovers = await findLeftovers(repoRoot, config, await options.owned());
    const base = (await currentBranch(repoRoot)) ?? 'HEAD';
    const results: LeftoverResult[] = [];
    let pruned = false;
    for (const leftover of leftovers.filter((l) => l.kind !== 'branch')) {
      const result = await settle(leftover, () => repairPlace(leftover, base, options, pruned));
      if (leftover.kind === 'pruned-worktree' && !options.dryRun) pruned = true;
      results.push(result);
    }
    const branches = leftovers.filter((l) => l.kind === 'branch');
    if (branches.length > 0) results.push(...(await repairBranches(repoRoot, branches, base, options.dryRun ?? false)));
    return results;
  });
}

async function settle(leftover: Leftover, fn: () => Promise<Omit<LeftoverResult, 'kind' | 'path' | 'branch'>>): Promise<LeftoverResult> {
  const named = { kind: leftover.kind, path: leftover.path, branch: leftover.branch };
  try {
    return { ...named, ...(await fn()) };
  } catch (error) {
    return { ...named, status: 'failed', reasons: [(error as Error).message] };
  }
}

async function repairPlace(
  leftover: Leftover,
  base: string,
  options: RepairLeftoversOptions,
  alreadyPruned: boolean,
): Promise<Omit<LeftoverResult, 'kind' | 'path' | 'branch'>> {
  const { repoRoot, dryRun = false, force = false } = options;
  const folder = leftover.path ?? '';
  const halfMade = leftover.lockReason === HALF_MADE_LOCK;
  const reasons: string[] = [];
  if (leftover.kind === 'pruned-worktree') {
    reasons.push('its folder was gone: git\u2019s record of it pruned');
    if (!dryRun && !alreadyPruned) await runGit(repoRoot, ['worktree', 'prune']);
  } else if (leftover.kind === 'folder') {
    const held = fs.readdirSync(folder).filter((name) => name !== '.git');
    if (held.length > 0 && !force) {
      return { status: dryRun ? 'would-keep' : 'kept', reasons: [`not a git worktree any more, and holds ${held.length} file${held.length === 1 ? '' : 's'}`] };
    }
    if (!dryRun) fs.rmSync(folder, { recursive: true, force: true });
    return { status: dryRun ? 'would-remove' : 'done', reasons: held.length > 0 ? ['removed with --force'] : [] };
  } else {
    if (leftover.lockReason !== null && !halfMade) {
      return { status: dryRun ? 'would-keep' : 'kept', reasons: [`locked${leftover.lockReason ? `: ${leftover.lockReason}` : ''}`] };
    }
    if (halfMade) reasons.push('half made: its `git worktree add` never finished');
    const unsaved = force || halfMade ? [] : await unsavedWork(folder);
    if (unsaved.length > 0) return { status: dryRun ? 'would-keep' : 'kept', reasons: [`worktree has ${unsaved.join(', ')}`] };
    if (!dryRun) await runGit(repoRoot, ['worktree', 'remove', ...(force || halfMade ? ['--force', '--force'] : []), folder]);
  }
  if (leftover.branch && SESSION_BRANCH.test(leftover.branch) && !dryRun) await removeBranchIfSafe(repoRoot, leftover.branch, base, reasons);
  return { status: dryRun ? 'would-remove' : 'done', reasons };
}

async function repairBranches(repoRoot: string, leftovers: Leftover[], base: string, dryRun: boolean): Promise<LeftoverResult[]> {
  const names = leftovers.map((l) => l.branch ?? '');
  const status = await integratedBranches(repoRoot, names, base);
  const results: LeftoverResult[] = [];
  for (const branch of names) {
    const named = { kind: 'branch' as const, path: null, branch };
    const s = status.get(branch);
    if (!s) continue;
    if (s.ownCommits > 0 && !s.integrated) {
      const reason = `${s.ownCommits} commit${s.ownCommits === 1 ? '' : 's'} not in ${base}`;
      results.push({ ...named, status: dryRun ? 'would-keep' : 'kept', reasons: [reason] });
      continue;
    }
    const why = s.integrated ? `integrated into ${base} (${s.how})` : 'no commits of its own';
    if (dryRun) {
      results.push({ ...named, status: 'would-remove', reasons: [why] });
    } else if ((await tryGit(repoRoot, ['branch', '-D', branch])) === null) {
      results.push({ ...named, status: 'failed', reasons: [`git branch -D ${branch} failed`] });
    } else {
      results.push({ ...named, status: 'done', reasons: [why] });
    }
  }
  return results;
}
