import { ConflictEngineError } from '../errors';
import { runGit } from '../git';
import { breakingPairs } from './breaking-pairs';
import { assertMergedCheckOptions } from './check-options';
import type { MergedCheckOptions } from './check-options';
import type { BreakingPair, MergedCheckReport } from './check-report';
import { mergeSet } from './merge-set';
import { pairConflict } from './pair-conflict';
import { mainCheckout } from './scratch-worktree';
import { CheckStopped, SetRunner } from './set-runner';

const DEFAULT_TIMEOUT_MS = 600_000;
const DEFAULT_MAX_RUNS = 32;

/**
 * Merges all `branches` into one tree (successive `git merge-tree --write-tree` onto `base`,
 * objects only: no ref or checkout changes), checks it out in a scratch worktree in a temp folder
 * with the main checkout's `node_modules` linked in, and runs the configured command there once.
 * Only when that fails: each branch runs alone (merged onto the base), so a branch broken on its
 * own is never blamed on a pair, then the branches that pass alone are bisected to the pairs that
 * break (see `breakingPairs`). Every answer is cached per command, base and set of tips, so a
 * second check of unchanged branches runs nothing. The worktree is removed afterwards, also when
 * a run fails or times out.
 */
export async function checkMergedBranches(options: MergedCheckOptions): Promise<MergedCheckReport> {
  assertMergedCheckOptions(options);
  const { repo, command } = options;
  const refs = [...new Set(options.branches)];
  const oids = await commitsOf(repo, options.base === undefined ? refs : [...refs, options.base]);
  const start = options.base === undefined ? null : oids[refs.length]!;
  const tips = new Map(refs.map((ref, i) => [ref, oids[i]!]));
  const all = await mergeSet(repo, start, refs.map((ref) => ({ ref, oid: tips.get(ref)! })));
  const runner = new SetRunner({
    repo,
    command,
    start,
    tips,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRuns: options.maxRuns ?? DEFAULT_MAX_RUNS,
    cache: options.cache,
    env: options.env ?? process.env,
    nodeModulesFrom: options.nodeModulesFrom === undefined ? await mainCheckout(repo) : options.nodeModulesFrom,
    onRun: options.onRun,
  });
  const report: MergedCheckReport = { command, status: 'passed', base: start, merged: all.merged, textual: all.textual, runs: runner.runs, ran: 0, brokenAlone: [], pairs: [], together: [] };
  try {
    if ((await runner.test(all.merged)) === 'pass') return report;
    report.status = 'failed';
    await findCulprits(runner, all.merged, report);
  } catch (error) {
    if (!(error instanceof CheckStopped)) throw error;
    report.status = error.why;
  } finally {
    report.ran = runner.ran;
    await runner.close();
  }
  return report;
}

async function findCulprits(runner: SetRunner, merged: string[], report: MergedCheckReport): Promise<void> {
  const good: string[] = [];
  for (const ref of merged) {
    if (merged.length > 1 && (await runner.test([ref])) !== 'fail') good.push(ref);
    else {
      const run = runner.runOf([ref]) ?? runner.runOf(merged)!;
      report.brokenAlone.push({ ref, exitCode: run.exitCode, outputTail: run.outputTail });
    }
  }
  if (good.length < 2 || (good.length < merged.length && (await runner.test(good)) !== 'fail')) return;
  const found = await breakingPairs(good, (set) => runner.test(set));
  report.together = found.together;
  report.pairs = await Promise.all(found.pairs.map((pair) => breakingPair(runner, pair, report)));
}

async function breakingPair(runner: SetRunner, pair: [string, string], report: MergedCheckReport): Promise<BreakingPair> {
  const run = runner.runOf(pair);
  const conflict = await pairConflict(runner.repo, pair, report.command, run ?? { exitCode: null, outputTail: '' });
  return { ours: pair[0], theirs: pair[1], conflict };
}

async function commitsOf(repo: string, refs: string[]): Promise<string[]> {
  const result = await runGit(repo, ['rev-parse', ...refs.map((ref) => `${ref}^{commit}`)]);
  if (result.exitCode !== 0) {
    const known = /not a git repository/i.test(result.stderr);
    const message = known ? `${repo} is not in a git repository.` : `One of the refs ${refs.join(', ')} is not a commit here: ${result.stderr.trim()}`;
    throw new ConflictEngineError(known ? 'NOT_A_REPOSITORY' : 'UNKNOWN_REF', message, { repo, refs });
  }
  // Refs were validated (none starts with `-`), and `^{commit}` keeps each one a revision.
  return result.stdout.trim().split('\n');
}
