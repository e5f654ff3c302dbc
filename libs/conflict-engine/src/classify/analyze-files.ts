import type { ConflictFile } from '../conflict-file';
import type { ClassifyContext } from './analyze-code';
import { finishFile, prepareFile } from './analyze-file';
import type { FileAnalysis, ParseVersions, PreparedFile } from './analyze-file';

/**
 * Whether the files the sides changed elsewhere could change a file's class: only a removal,
 * rename or signature change can make it SEMANTIC through a use in another file.
 */
export function wantsContext(analysis: FileAnalysis): boolean {
  if (analysis.analysis !== 'ast' || analysis.classification.class === 'TRIVIAL') return false;
  return [...analysis.code.oursChanges, ...analysis.code.theirsChanges].some((c) => c.breaking);
}

/** The names a file's breaking changes bind before the change: the uses a context is searched for. */
function brokenNames(analysis: FileAnalysis): string[] {
  if (analysis.analysis !== 'ast') return [];
  return [...analysis.code.oursChanges, ...analysis.code.theirsChanges].filter((c) => c.breaking).flatMap((c) => c.before?.binds ?? []);
}

/**
 * Analyses conflicted files, loading the sides' other changed files that use what a file's
 * breaking changes broke (`loadContext`, given those names: some git processes) only when some
 * file has such a change; returns the context used. `parse` reads each version of a code file
 * (the whole file by default).
 */
export async function analyzeFiles(
  files: ConflictFile[],
  loadContext: (names: ReadonlySet<string>) => Promise<ClassifyContext>,
  parse?: ParseVersions,
): Promise<{ analyses: FileAnalysis[]; context: ClassifyContext }> {
  const analyses: FileAnalysis[] = [];
  // Parsed once (the context changes only the verdict, not the trees); kept only where it may.
  const needing: Array<{ at: number; prepared: PreparedFile; analysis: FileAnalysis }> = [];
  for (const file of files) {
    const prepared = prepareFile(file, parse);
    const analysis = finishFile(prepared);
    if (wantsContext(analysis)) needing.push({ at: analyses.length, prepared, analysis });
    analyses.push(analysis);
  }
  if (needing.length === 0) return { analyses, context: {} };
  const context = await loadContext(new Set(needing.flatMap(({ analysis }) => brokenNames(analysis))));
  for (const { at, prepared } of needing) analyses[at] = finishFile(prepared, context);
  return { analyses, context };
}
