import * as path from 'node:path';
import { analyzeFiles } from '../classify/analyze-files';
import { detectConflicts } from '../detect-conflicts';
import type { DetectConflictsOptions } from '../detect-conflicts';
import { loadClassifyContext } from '../load-files';
import type { SuggestionsReport } from './fix-suggestion';
import type { ResolutionModel } from './resolution-model';
import { suggestFileFixes } from './suggest-file';

/** Which merge to suggest fixes for, and optionally a model for CONCURRENT conflicts. */
export interface SuggestFixesOptions extends Omit<DetectConflictsOptions, 'classify' | 'contents'> {
  model?: ResolutionModel;
}

/**
 * Checked whole-file fixes for every conflict of merging `theirs` into `ours`, and the conflicts
 * left for a person (CONCURRENT and SEMANTIC ones, with both versions). Nothing is written: pass
 * a suggestion to {@link applyFix} to use it.
 */
export async function suggestFixes(options: SuggestFixesOptions): Promise<SuggestionsReport> {
  const { model, ...target } = options;
  const report = await detectConflicts({ ...target, classify: false, contents: true });
  const files = report.conflicts.flatMap((c) => (c.file ? [c.file] : []));
  const { context } = await analyzeFiles(files, () => loadClassifyContext(target.repo, target.ours, target.theirs));
  const result: SuggestionsReport = { suggestions: [], unresolved: [] };
  const scope = [path.resolve(target.repo), target.ours, target.theirs].join('\0');
  for (const file of files) {
    const fixes = await suggestFileFixes(file, { context, scope, ...(model ? { model } : {}) });
    result.suggestions.push(...fixes.suggestions);
    if (fixes.unresolved) result.unresolved.push(fixes.unresolved);
  }
  return result;
}
