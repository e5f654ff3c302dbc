import * as os from 'node:os';
import { commitsOf } from '../commits-of';
import { detectConflicts } from '../detect-conflicts';
import { ConflictEngineError } from '../errors';
import type { ClassifiedConflict, ConflictReport, DetectConflictsOptions } from '../detect-conflicts';
import { assertValidRef } from '../refs';
import { mergeCommits } from '../semantic/side-files';
import type { MergeCommits } from '../semantic/side-files';
import { keepOutcome, knownOutcome } from './pair-cache';
import type { PairKey } from './pair-cache';
import { planChecks } from './plan-checks';
import { provablyClean } from './preflight';
import type { MatrixBranch, PlannedCheck } from './plan-checks';
import { runBounded } from './run-bounded';
import { failedCheck, runCheck } from './run-check';
import { checkPool } from '../workers/check-pool';

/** Which branches of which repository to preview against each other, and how many merges to run at once. */
export interface ConflictMatrixOptions {
  /** Any folder of the repository (main checkout, worktree or bare repository). */
  repo: string;
  branches: MatrixBranch[];
  /** How many merge-tree processes run at once: a whole number, 1 or more (default 2 to 4, by the machine's cores). */
  concurrency?: number;
  /**
   * How many worker threads do the checks' JavaScript work (the semantic checks and classifying,
   * one core's per thread; their git runs on the calling thread): a whole number, 0 for none (all
   * on the calling thread). Default: one per core, at most `concurrency`. Used when two checks or
   * more are to run with the engine's own check.
   */
  threads?: number;
  /**
   * Classify each conflict (default true). Without, a preview answers which pairs conflict and
   * in which files with one merge-tree process per check; classifying adds a few git processes
   * and a parse per conflicting pair.
   */
  classify?: boolean;
  /** Look for semantic breaks too, in conflicting and clean pairs alike (see `semantic` of {@link detectConflicts}). Default: as `classify`. */
  semantic?: boolean;
  /**
   * Settle the pairs that provably merge cleanly from one walk of the history (default true):
   * a fast-forward, or sides that only add and modify different files. Only the others run
   * merge-tree, so sessions working on separate files cost three git processes in all (and,
   * with `semantic`, the semantic check: each side's diff of code files).
   */
  preflight?: boolean;
  /** The check to run for each pair (default {@link detectConflicts}); a seam for wrapping or counting. */
  detect?: (options: DetectConflictsOptions) => Promise<ConflictReport>;
  /** Told as each check ends (one whose outcome was kept too): how many have ended, of how many. For a progress line; it must not throw. */
  onCheck?: (done: number, total: number) => void;
}

/** How one pair merged in thought (`theirs` into `ours`): clean, with conflicts, or not at all (`reason` says why). */
export interface PairCheck {
  ours: string;
  theirs: string;
  /** `branch`: two of the given branches; `base`: a branch (`ours`) against its base (`theirs`). */
  against: 'branch' | 'base';
  status: 'clean' | 'conflicts' | 'failed';
  /** The report's conflicts, classified unless `classify` was false; empty when clean or failed. */
  conflicts: ClassifiedConflict[];
  /** The error's message when the check failed, else null. */
  reason: string | null;
}

/** Every check between the branches, in a stable order, with counts of those that conflict or failed. */
export interface ConflictMatrix {
  repo: string;
  /** The distinct branch refs, in the order given. */
  refs: string[];
  checks: PairCheck[];
  conflicting: number;
  failed: number;
}

/**
 * Previews conflicts between every pair of `branches`, and between each branch and its base,
 * with `git merge-tree` (see {@link detectConflicts}) and at most `concurrency` checks at once.
 * The outcome of each pair is kept by the commits its refs are at: a matrix asked again (a live
 * preview polling) runs only the checks of branches that moved.
 * Checks come back in plan order (pairs first, then bases). A bad ref is refused with
 * `INVALID_REF` before anything runs; a check that fails (an unknown branch, say) is reported as
 * `failed` with its reason while the others still run.
 */
export async function conflictMatrix(options: ConflictMatrixOptions): Promise<ConflictMatrix> {
  const { repo, branches, concurrency = defaultConcurrency(), classify = true, preflight = true, detect = detectConflicts } = options;
  const semantic = options.semantic ?? classify;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    const message = `The concurrency ${String(concurrency)} is not valid: give a whole number, 1 or more.`;
    throw new ConflictEngineError('INVALID_INPUT', message, { concurrency });
  }
  const threads = options.threads ?? Math.min(concurrency, os.availableParallelism());
  if (!Number.isInteger(threads) || threads < 0) {
    const message = `The number of threads ${String(threads)} is not valid: give a whole number, 0 or more.`;
    throw new ConflictEngineError('INVALID_INPUT', message, { threads });
  }
  for (const { ref, base } of branches) {
    assertValidRef(ref, 'branch');
    if (base !== undefined) assertValidRef(base, `base of ${ref}`);
  }
  const plan = planChecks(branches);
  const tips = await commitsOf(repo, [...new Set(plan.flatMap((p) => [p.ours, p.theirs]))]);
  // The default check depends on nothing but the two commits: a pair met before is not run again.
  const keyOf = (p: PlannedCheck): PairKey | null => {
    const [ours, theirs] = [tips.get(p.ours), tips.get(p.theirs)];
    return detect === detectConflicts && ours && theirs ? { repo, ours: { ref: p.ours, commit: ours }, theirs: { ref: p.theirs, commit: theirs }, classify, semantic } : null;
  };
  const keys = plan.map(keyOf);
  const known = keys.map((key) => (key === null ? undefined : knownOutcome(key)));
  const toRun = plan.flatMap((planned, i) => (known[i] === undefined ? [{ planned, i }] : []));
  const [provedClean, merges] = await Promise.all([
    preflight && toRun.length > 0 ? provablyClean(repo, toRun.map((x) => x.planned), tips) : new Set<number>(),
    classify || semantic ? mergesOf(repo, toRun, tips) : new Map<number, MergeCommits | null>(),
  ]);
  const clean = new Set(toRun.filter((_, k) => provedClean.has(k)).map((x) => x.i));
  const working = toRun.filter(({ i }) => !clean.has(i) || semantic).length;
  const pool = detect === detectConflicts && threads > 0 && working >= 2 ? checkPool(threads) : null;
  const offload = pool?.offload(semantic);
  const run = (planned: PlannedCheck, i: number): Promise<PairCheck> => {
    if (detect !== detectConflicts && !clean.has(i)) return customCheck({ repo, ours: planned.ours, theirs: planned.theirs, classify, semantic }, planned, detect);
    return runCheck({ repo, planned, classify, semantic, provedClean: clean.has(i), commits: merges.get(i) }, offload);
  };
  // The merges start first: they are the long checks (merge-tree, and classifying what
  // conflicts), and one started last would leave the others' threads idle while it runs.
  const order = plan.map((_, i) => i).sort((a, b) => Number(clean.has(a)) - Number(clean.has(b)));
  let done = 0;
  const results = await runBounded(order, concurrency, async (i): Promise<PairCheck> => {
    const planned = plan[i]!;
    const kept = known[i];
    const result = kept ? { ...planned, ...kept, reason: null } : await run(planned, i);
    const key = keys[i];
    if (!kept && key && result.status !== 'failed') keepOutcome(key, { status: result.status, conflicts: result.conflicts });
    options.onCheck?.(++done, plan.length);
    return result;
  });
  const checks = new Array<PairCheck>(plan.length);
  order.forEach((i, k) => (checks[i] = results[k]!));
  return {
    repo,
    refs: [...new Set(branches.map((b) => b.ref))],
    checks,
    conflicting: checks.filter((c) => c.status === 'conflicts').length,
    failed: checks.filter((c) => c.status === 'failed').length,
  };
}

/**
 * The tips and merge base of each pair to run, by its index in the plan, from one `git
 * rev-parse` for all: a check then finds the sides' diffs another check read (the same branch
 * from the same base) instead of reading them again. Pairs with an unknown tip are left out.
 */
async function mergesOf(
  repo: string,
  toRun: ReadonlyArray<{ planned: PlannedCheck; i: number }>,
  tips: ReadonlyMap<string, string | null>,
): Promise<Map<number, MergeCommits | null>> {
  const resolved = toRun.flatMap(({ planned, i }) => {
    const [ours, theirs] = [tips.get(planned.ours), tips.get(planned.theirs)];
    return ours && theirs ? [{ i, pair: [ours, theirs] as const }] : [];
  });
  const found = await mergeCommits(repo, resolved.map((r) => r.pair));
  return new Map(found.map((commits, k) => [resolved[k]!.i, commits]));
}

/** A check with the caller's own `detect`: on this thread, its failure the check's `failed` status. */
async function customCheck(options: DetectConflictsOptions, planned: PlannedCheck, detect: NonNullable<ConflictMatrixOptions['detect']>): Promise<PairCheck> {
  try {
    const report = await detect(options);
    return { ...planned, status: report.clean ? 'clean' : 'conflicts', conflicts: report.conflicts, reason: null };
  } catch (error) {
    return failedCheck(planned, error);
  }
}

// merge-tree is mostly one core's work: a few at once use the machine without swamping it.
function defaultConcurrency(): number {
  return Math.max(2, Math.min(4, os.availableParallelism()));
}
