import type { ConflictFile } from '../conflict-file';
import type { ClassifyContext, CodeFacts } from './analyze-code';
import { finishFile, prepareFile, withContext } from './analyze-file';
import type { FileAnalysis, ParseVersions } from './analyze-file';

/**
 * Whether the files the sides changed elsewhere could change a code file's verdict: only a
 * removal, rename or signature change can make it SEMANTIC through a use in another file.
 */
export function factsWantContext(facts: CodeFacts): boolean {
  return facts.trivial === null && [...facts.oursChanges, ...facts.theirsChanges].some((c) => c.breaking);
}

/** The names a file's breaking changes bind before the change: the uses a context is searched for. */
export function brokenNames(facts: CodeFacts): string[] {
  return [...facts.oursChanges, ...facts.theirsChanges].filter((c) => c.breaking).flatMap((c) => c.before?.binds ?? []);
}

/**
 * Analyses conflicted files, loading the sides' other changed files that use what a file's
 * breaking changes broke (`loadContext`, given those names: some git processes) only when some
 * file has such a change, or some of the `kept` facts of files analysed before does (their names
 * are looked for in the same load); returns the context used. `parse` reads each version of a
 * code file (the whole file by default).
 */
export async function analyzeFiles(
  files: ConflictFile[],
  loadContext: (names: ReadonlySet<string>) => Promise<ClassifyContext>,
  parse?: ParseVersions,
  kept: readonly CodeFacts[] = [],
): Promise<{ analyses: FileAnalysis[]; context: ClassifyContext }> {
  const analyses = files.map((file) => finishFile(prepareFile(file, parse)));
  const needing = analyses.flatMap((analysis, i) => (analysis.analysis === 'ast' && factsWantContext(analysis.code.facts) ? [{ i, facts: analysis.code.facts }] : []));
  const wanting = [...needing.map((n) => n.facts), ...kept.filter(factsWantContext)];
  if (wanting.length === 0) return { analyses, context: {} };
  const context = await loadContext(new Set(wanting.flatMap(brokenNames)));
  // The trees stay as they were: only the verdict is worked out again, from the facts.
  for (const { i } of needing) analyses[i] = withContext(files[i]!.path, analyses[i]!, context);
  return { analyses, context };
}
