import { detectWithContext } from './detect-conflicts';
import type { ClassifiedConflict, ConflictReport } from './detect-conflicts';
import type { HistoryDatabase } from './history/history-db';
import { recordConflicts } from './history/record-conflicts';
import { recordSuggestions } from './history/record-suggestions';
import type { SuggestionsReport } from './suggest/fix-suggestion';
import type { ResolutionModel } from './suggest/resolution-model';
import { fixesForFiles } from './suggest/suggest-fixes';

/** Which merge {@link suggestAndRecord} works on, and where it records what it found. */
export interface SuggestAndRecordOptions {
  /** Any folder of the repository; recorded as given. */
  repo: string;
  /** The target: the branch merged into, where a fix is written. */
  ours: string;
  /** The source: the branch being merged. */
  theirs: string;
  /** Merge refs that share no history (as {@link detectConflicts}). */
  allowUnrelatedHistories?: boolean;
  /** The database to record the conflicts and the suggestions in; without it nothing is recorded. */
  history?: HistoryDatabase;
  /** Also asked about CONCURRENT conflicts; its fixes pass the same checks. */
  model?: ResolutionModel;
  /** The time recorded (default: now). */
  now?: Date;
}

/** What {@link suggestAndRecord} found: the classified conflicts, the checked fixes, and what is left for a person. */
export interface SuggestAndRecordResult extends SuggestionsReport {
  /** The merge's conflicts, as {@link detectConflicts} reports them. */
  report: ConflictReport;
}

/** Detects the conflicts of merging `theirs` into `ours` once, suggests checked fixes, and records both in `history` when given. */
export async function suggestAndRecord(options: SuggestAndRecordOptions): Promise<SuggestAndRecordResult> {
  const { repo, ours, theirs, allowUnrelatedHistories, history, model, now } = options;
  const { report, context } = await detectWithContext({ repo, ours, theirs, allowUnrelatedHistories, classify: true, contents: true });
  const files = report.conflicts.flatMap((c) => (c.file ? [c.file] : []));
  const fixes = await fixesForFiles(files, { repo, ours, theirs, context, ...(model ? { model } : {}) });
  if (history) {
    const when = now ? { now } : {};
    const conflicts = report.conflicts.flatMap((c) => (c.classification ? [{ path: c.path, classification: c.classification }] : []));
    await recordConflicts(history, { repo, ours, theirs, conflicts, ...when });
    await recordSuggestions(history, { repo, ours, theirs, suggestions: fixes.suggestions, ...when });
  }
  return { report: { ...report, conflicts: report.conflicts.map(withoutFile) }, ...fixes };
}

/** The conflict as {@link detectConflicts} reports it by default: the files' contents were for the suggestions. */
function withoutFile(conflict: ClassifiedConflict): ClassifiedConflict {
  const copy = { ...conflict };
  delete copy.file;
  return copy;
}
