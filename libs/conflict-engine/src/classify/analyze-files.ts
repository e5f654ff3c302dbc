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
function brokenNames(facts: CodeFacts): string[] {
  return [...facts.oursChanges, ...facts.theirsChanges].filter((c) => c.breaking).flatMap((c) => c.before?.binds ?? []);
}

/**
 * The sides' other changed files that use what the breaking changes of `facts` broke, loaded by
 * `loadContext` (given those names: some git processes) only when some of the facts want them.
 */
export async function contextFor(facts: readonly CodeFacts[], loadContext: (names: ReadonlySet<string>) => Promise<ClassifyContext>): Promise<ClassifyContext> {
  const wanting = facts.filter(factsWantContext);
  return wanting.length === 0 ? {} : loadContext(new Set(wanting.flatMap(brokenNames)));
}

/**
 * Analyses conflicted files, with the sides' other changed files (see {@link contextFor}) where a
 * file's verdict may rest on them; returns the context used. `parse` reads each version of a code
 * file (the whole file by default).
 */
export async function analyzeFiles(
  files: ConflictFile[],
  loadContext: (names: ReadonlySet<string>) => Promise<ClassifyContext>,
  parse?: ParseVersions,
): Promise<{ analyses: FileAnalysis[]; context: ClassifyContext }> {
  const analyses = files.map((file) => finishFile(prepareFile(file, parse)));
  const context = await contextFor(analyses.flatMap((analysis) => (analysis.analysis === 'ast' ? [analysis.code.facts] : [])), loadContext);
  // The trees stay as they were: only the verdict is worked out again, from the facts.
  const finished = analyses.map((analysis, i) => (analysis.analysis === 'ast' && factsWantContext(analysis.code.facts) ? withContext(files[i]!.path, analysis, context) : analysis));
  return { analyses: finished, context };
}
