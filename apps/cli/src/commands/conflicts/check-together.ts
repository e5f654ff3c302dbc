import * as path from 'node:path';
import { UsageError } from 'clipanion';
import type { BreakingPair, MergedCheckReport } from '@parallel-cc/conflict-engine';
import type { SessionConflictPreview, SessionPairCheck } from '@parallel-cc/merge-detector';
import { withCoordinator, writeJson } from '../../coordinator';
import type { PccContext } from '../../context';
import { colorsFor } from '../../output/colors';

/** What `conflicts --check` runs on: the live sessions of a repository. */
export interface CheckTogetherOptions {
  repo: string | undefined;
  concurrency: string | undefined;
  /** `--check-timeout` in seconds as given (default: `parallel-cc.checkTimeout`, else ten minutes). */
  timeout: string | undefined;
  json: boolean;
}

/** The message of `conflicts --check` in a repository with no check configured (exit code 2). */
export const NO_CHECK_CONFIGURED =
  'No check is configured for this repository: set the command to run on all live branches merged together with `git config parallel-cc.check "<command>"` (for example `git config parallel-cc.check "npx tsc --noEmit"`), then run `conflicts --check` again.';

/**
 * `conflicts --check`: the sessions' conflict preview, then conflict-engine's checkMergedBranches
 * on every live session's work merged together; each pair that breaks the check becomes a
 * SEMANTIC conflict of that pair's check. Exit code 1 when anything conflicts or the check did not pass.
 */
export async function checkTogether(context: PccContext, options: CheckTogetherOptions): Promise<number> {
  const { parsePositiveInt } = await import('../../options');
  const repo = path.resolve(context.cwd, options.repo ?? '.');
  const concurrency = options.concurrency === undefined ? undefined : parsePositiveInt(options.concurrency, '--concurrency');
  const timeoutSeconds = options.timeout === undefined ? undefined : parsePositiveInt(options.timeout, '--check-timeout');
  const engine = await import('@parallel-cc/conflict-engine');
  const config = await engine.readCheckConfig(repo);
  if (config.command === null) throw new UsageError(NO_CHECK_CONFIGURED);
  const { previewSessionConflicts, withNamesInReason } = await import('@parallel-cc/merge-detector');
  const { coordinatorHome } = await import('@parallel-cc/core-sessions');
  const preview = await withCoordinator(context, (c) => previewSessionConflicts(c, { repoRoot: repo, concurrency }));
  const refs = [...new Set(preview.sessions.map((s) => s.ref))];
  const report =
    refs.length === 0
      ? null
      : await engine.checkMergedBranches({
          repo: preview.repo,
          branches: refs,
          base: commonBase(preview),
          command: config.command,
          timeoutMs: timeoutSeconds === undefined ? (config.timeoutMs ?? undefined) : timeoutSeconds * 1000,
          cache: engine.checkCacheFile(path.join(coordinatorHome(context.env), 'check-cache.json')),
          env: context.env,
          onRun: (run) => context.stderr.write(`check ${run.cached ? '(cached) ' : ''}${run.refs.map((ref) => nameOf(preview, ref)).join(' + ')}: ${run.outcome}\n`),
        });
  // Each pair's reason names branches, not the snapshot commits of uncommitted work.
  const pairs = (report?.pairs ?? []).map((p) => ({ ...p, conflict: withNamesInReason(p.conflict, [p.ours, p.theirs].map((ref): [string, string] => [ref, nameOf(preview, ref)])) }));
  const checks = report ? withCheckConflicts(preview, pairs) : preview.checks;
  const result = { ...preview, checks, conflicting: checks.filter((c) => c.status === 'conflicts').length };
  if (options.json) writeJson(context, { ...result, check: report && { ...report, pairs: pairs.map((p) => namedPair(preview, p)) } });
  else await printCheck(context, result, report);
  return result.conflicting + result.failed > 0 || (report !== null && report.status !== 'passed') ? 1 : 0;
}

// The sessions' most common base branch: what every set is merged onto.
function commonBase(preview: SessionConflictPreview): string | undefined {
  const counts = new Map<string, number>();
  for (const s of preview.sessions) counts.set(s.baseBranch, (counts.get(s.baseBranch) ?? 0) + 1);
  return [...counts].sort((x, y) => y[1] - x[1])[0]?.[0];
}

function nameOf(preview: SessionConflictPreview, ref: string): string {
  return preview.sessions.find((s) => s.ref === ref)?.branch ?? ref;
}

function namedPair(preview: SessionConflictPreview, pair: BreakingPair) {
  return { ours: nameOf(preview, pair.ours), theirs: nameOf(preview, pair.theirs), oursRef: pair.ours, theirsRef: pair.theirs, conflict: pair.conflict };
}

/** The preview's checks, each breaking pair's SEMANTIC conflict added to the check of that pair. */
function withCheckConflicts(preview: SessionConflictPreview, pairs: BreakingPair[]): SessionPairCheck[] {
  return preview.checks.map((check) => {
    const found = pairs.filter((p) => check.against === 'branch' && new Set([check.oursRef, check.theirsRef, p.ours, p.theirs]).size === 2);
    if (found.length === 0) return check;
    const uncommittedIn = (['ours', 'theirs'] as const).filter((side) => {
      const ref = side === 'ours' ? check.oursRef : check.theirsRef;
      return preview.sessions.some((s) => s.ref === ref && s.uncommitted.length > 0);
    });
    const source = uncommittedIn.length > 0 ? ('uncommitted' as const) : ('committed' as const);
    const conflicts = [...check.conflicts, ...found.map((p) => ({ ...p.conflict, source, uncommittedIn }))];
    return { ...check, status: 'conflicts' as const, conflicts };
  });
}

async function printCheck(context: PccContext, preview: SessionConflictPreview, report: MergedCheckReport | null): Promise<void> {
  const colors = colorsFor(context);
  const { renderConflictMatrix } = await import('../../output/conflict-matrix');
  const { checkLines } = await import('../../output/check-lines');
  const { plural } = await import('@parallel-cc/core-sessions');
  context.stdout.write(renderConflictMatrix(preview, colors, plural));
  if (report) context.stdout.write(`\n${checkLines(report, (ref) => nameOf(preview, ref), colors, plural)}`);
}
