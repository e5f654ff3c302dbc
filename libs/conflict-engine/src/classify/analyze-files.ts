import type { ConflictFile } from '../conflict-file';
import type { ClassifyContext } from './analyze-code';
import { finishFile, prepareFile } from './analyze-file';
import type { FileAnalysis, ParseVersions } from './analyze-file';

/**
 * Whether the files the sides changed elsewhere could change a file's class: only a removal,
 * rename or signature change can make it SEMANTIC through a use in another file.
 */
export function wantsContext(analysis: FileAnalysis): boolean {
  if (analysis.analysis !== 'ast' || analysis.classification.class === 'TRIVIAL') return false;
  return [...analysis.code.oursChanges, ...analysis.code.theirsChanges].some((c) => c.breaking);
}

/**
 * Analyses conflicted files, loading the sides' other changed files (several git processes) only
 * when some file has a breaking change whose uses they could hold; returns the context used.
 * `parse` reads each version of a code file (the whole file by default).
 */
export async function analyzeFiles(
  files: ConflictFile[],
  loadContext: () => Promise<ClassifyContext>,
  parse?: ParseVersions,
): Promise<{ analyses: FileAnalysis[]; context: ClassifyContext }> {
  let context: ClassifyContext | undefined;
  const analyses: FileAnalysis[] = [];
  for (const file of files) {
    // Parsed once: the context changes only the verdict, not the trees.
    const prepared = prepareFile(file, parse);
    let analysis = finishFile(prepared);
    if (wantsContext(analysis)) {
      context ??= await loadContext();
      analysis = finishFile(prepared, context);
    }
    analyses.push(analysis);
  }
  return { analyses, context: context ?? {} };
}
