import * as path from 'node:path';
import { UsageError } from 'clipanion';
import type { ConflictReport, SuggestionsReport } from '@parallel-cc/conflict-engine';
import type { Coordinator } from '@parallel-cc/core-sessions';
import { withCoordinator, writeJson } from '../../coordinator';
import type { PccContext } from '../../context';
import { colorsFor } from '../../output/colors';
import { notTogether } from '../../options';
import { withHistory } from './history-db';

/** What `conflicts` and `conflicts suggest` check: branch into `with`, or every live session of the repository. */
export interface CheckMergesOptions {
  /** `--repo` as given (default: the current folder). */
  repo: string | undefined;
  /** The branch to merge (theirs); with `with`, or neither. */
  branch: string | undefined;
  /** The branch it would be merged into (ours). */
  with: string | undefined;
  /** `--concurrency` as given, for comparing every live session. */
  concurrency: string | undefined;
  json: boolean;
  /** Also suggest fixes for each conflicting merge and record them; `model` asks a language model too. */
  suggest?: { model: boolean };
}

/** Refuses `--branch` without `--with`, or the other way round. */
export function assertBranchPair(branch: string | undefined, into: string | undefined): void {
  if ((branch === undefined) !== (into === undefined)) {
    throw new UsageError('Give --branch and --with together (two branches to compare), or neither (compare every live session).');
  }
}

/** Refuses options that do not make one check (usage errors), before anything runs. */
export function assertCheckOptions(context: PccContext, options: CheckMergesOptions): void {
  assertBranchPair(options.branch, options.with);
  notTogether({ '--concurrency': options.concurrency !== undefined, '--branch': options.branch !== undefined }, '--concurrency is for comparing every live session');
  if (options.suggest?.model && !context.env.ANTHROPIC_API_KEY) {
    throw new UsageError('--model needs ANTHROPIC_API_KEY in the environment; without it, fixes are suggested by the rules only.');
  }
}

/** Checks the merges, with fixes when asked, and prints them; exit code 1 when one would conflict or a check failed. */
export async function checkMerges(context: PccContext, options: CheckMergesOptions): Promise<number> {
  assertCheckOptions(context, options);
  const repo = path.resolve(context.cwd, options.repo ?? '.');
  if (options.branch !== undefined && options.with !== undefined) return comparePair(context, { repo, ours: options.with, theirs: options.branch }, options);
  return compareSessions(context, repo, options);
}

interface Merge {
  repo: string;
  ours: string;
  theirs: string;
}

async function comparePair(context: PccContext, merge: Merge, options: CheckMergesOptions): Promise<number> {
  const suggested = options.suggest ? (await suggestAndRecord(context, [merge], options.suggest.model))[0] : undefined;
  // Without fixes to suggest, the branches of sessions count with their work trees' uncommitted work.
  const report = suggested?.report ?? (await withCoordinator(context, (c) => sessionMerge(c, merge)));
  const fixes = suggested && fixesOf(suggested);
  if (options.json) writeJson(context, { ...report, ...fixes });
  else await printPair(context, merge, report, fixes);
  return report.clean ? 0 : 1;
}

async function sessionMerge(coordinator: Coordinator, merge: Merge) {
  const { detectSessionConflicts } = await import('@parallel-cc/merge-detector');
  return detectSessionConflicts(coordinator, { repoRoot: merge.repo, ours: merge.ours, theirs: merge.theirs });
}

async function compareSessions(context: PccContext, repo: string, options: CheckMergesOptions): Promise<number> {
  const { previewSessionConflicts } = await import('@parallel-cc/merge-detector');
  const { parsePositiveInt } = await import('../../options');
  const concurrency = options.concurrency === undefined ? undefined : parsePositiveInt(options.concurrency, '--concurrency');
  const { countProgress } = await import('../../output/progress-bar');
  // A first preview on a big repository can take a while: its progress, on a terminal.
  const onCheck = countProgress(context.stderr, 'checking pairs');
  const preview = await withCoordinator(context, (c) => previewSessionConflicts(c, { repoRoot: repo, concurrency, onCheck }));
  const conflicting = preview.checks.filter((c) => c.status === 'conflicts');
  const results = options.suggest
    ? await suggestAndRecord(context, conflicting.map((c) => ({ repo: preview.repo, ours: c.oursRef, theirs: c.theirsRef })), options.suggest.model)
    : undefined;
  const fixes = results?.map(fixesOf);
  if (options.json) {
    writeJson(context, fixes ? { ...preview, checks: preview.checks.map((c) => ({ ...c, ...fixes[conflicting.indexOf(c)] })) } : preview);
  } else {
    const { renderConflictMatrix } = await import('../../output/conflict-matrix');
    const { plural } = await import('@parallel-cc/core-sessions');
    context.stdout.write(renderConflictMatrix(preview, colorsFor(context), plural));
    if (fixes) {
      const { suggestionLines } = await import('../../output/conflict-lines');
      conflicting.forEach((c, i) => {
        context.stdout.write(`\nFixes for ${c.ours} × ${c.theirs}:\n${suggestionLines(fixes[i]!, colorsFor(context)) || '  none\n'}`);
      });
    }
  }
  return preview.conflicting + preview.failed > 0 ? 1 : 0;
}

/** conflict-engine's detect → suggest → record for each merge, recorded in the coordinator database. */
async function suggestAndRecord(context: PccContext, merges: Merge[], useModel: boolean) {
  const engine = await import('@parallel-cc/conflict-engine');
  const model = useModel ? (engine.anthropicModel({ env: context.env }) ?? undefined) : undefined;
  return withHistory(context, async (history) => {
    const results = [];
    for (const merge of merges) results.push(await engine.suggestAndRecord({ ...merge, history, ...(model ? { model } : {}) }));
    return results;
  });
}

/** The fixes alone, as the JSON output has them beside each merge's conflicts. */
function fixesOf({ suggestions, unresolved }: SuggestionsReport): SuggestionsReport {
  return { suggestions, unresolved };
}

async function printPair(context: PccContext, merge: Merge, report: ConflictReport, fixes?: SuggestionsReport): Promise<void> {
  const colors = colorsFor(context);
  const out = context.stdout;
  if (report.clean) {
    out.write(`${merge.theirs} merges cleanly into ${merge.ours}.\n`);
    return;
  }
  const { conflictLines, suggestionLines } = await import('../../output/conflict-lines');
  const { plural } = await import('@parallel-cc/core-sessions');
  out.write(`Merging ${merge.theirs} into ${merge.ours} would conflict in ${plural(report.conflicts.length, 'file')}:\n${conflictLines(report.conflicts, colors)}`);
  if (fixes) out.write(`\nFixes:\n${suggestionLines(fixes, colors) || '  none\n'}`);
}
