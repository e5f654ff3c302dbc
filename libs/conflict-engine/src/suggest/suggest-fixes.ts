import * as path from 'node:path';
import type { ClassifyContext } from '../classify/analyze-code';
import { analyzeFiles } from '../classify/analyze-files';
import type { ConflictFile } from '../conflict-file';
import { detectConflicts } from '../detect-conflicts';
import type { ConflictReport, DetectConflictsOptions } from '../detect-conflicts';
import { loadClassifyContext, loadConflictFiles } from '../load-files';
import type { SuggestionsReport } from './fix-suggestion';
import type { ResolutionModel } from './resolution-model';
import { suggestFileFixes } from './suggest-file';

/** Which merge to suggest fixes for, and optionally a model for CONCURRENT conflicts. */
export interface SuggestFixesOptions extends Omit<DetectConflictsOptions, 'classify' | 'contents'> {
  model?: ResolutionModel;
  /**
   * This merge's report from {@link detectConflicts}, when there is one: its conflicts are used and
   * merge-tree does not run again (with `contents`, no git process runs to read the files either).
   */
  report?: ConflictReport;
}

/**
 * Checked whole-file fixes for every conflict of merging `theirs` into `ours`, and the conflicts
 * left for a person (CONCURRENT and SEMANTIC ones, with both versions). Nothing is written: pass
 * a suggestion to {@link applyFix} to use it.
 */
export async function suggestFixes(options: SuggestFixesOptions): Promise<SuggestionsReport> {
  const { model, report, ...target } = options;
  const detected = report ?? (await detectConflicts({ ...target, classify: false, contents: true }));
  // A semantic conflict has no conflicted file to fix: the break is in code that merges cleanly.
  const conflicts = detected.conflicts.filter((c) => c.kind !== 'semantic');
  const files = conflicts.every((c) => c.file) ? conflicts.flatMap((c) => (c.file ? [c.file] : [])) : await loadConflictFiles(target.repo, detected.tree, conflicts);
  const { context } = await analyzeFiles(files, (names) => loadClassifyContext(target.repo, target.ours, target.theirs, names));
  return fixesForFiles(files, { ...target, context, ...(model ? { model } : {}) });
}

/** The merge, the sides' other changed files and the model {@link fixesForFiles} works with. */
export interface FixesForFilesOptions {
  repo: string;
  ours: string;
  theirs: string;
  context: ClassifyContext;
  model?: ResolutionModel;
}

/** {@link suggestFixes} for conflicted files already read, with the classification context already loaded. */
export async function fixesForFiles(files: ConflictFile[], options: FixesForFilesOptions): Promise<SuggestionsReport> {
  const { repo, ours, theirs, context, model } = options;
  const result: SuggestionsReport = { suggestions: [], unresolved: [] };
  // Part of each suggestion's id: one fix found for two merges is two suggestions.
  const scope = [path.resolve(repo), ours, theirs].join('\0');
  for (const file of files) {
    const fixes = await suggestFileFixes(file, { context, scope, ...(model ? { model } : {}) });
    result.suggestions.push(...fixes.suggestions);
    if (fixes.unresolved) result.unresolved.push(fixes.unresolved);
  }
  return result;
}
