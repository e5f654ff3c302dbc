import type { ConflictFile } from '../conflict-file';
import type { ConflictRegion } from '../regions';
import type { ClassifyContext } from './analyze-code';
import { analyzeFiles, wantsContext } from './analyze-files';
import type { ParseVersions } from './analyze-file';
import type { Classification } from './classification';
import { LruCache } from './focus/lru-cache';

/** What a report keeps of a conflicted file's analysis. */
export interface Verdict {
  classification: Classification;
  regions: ConflictRegion[];
}

// A verdict is a few hundred bytes and its regions' text: two million characters' weight at most.
const verdicts = new LruCache<Verdict>(2_000_000);

/** The three versions and the path (reasons name it): what a verdict that needs no other file depends on. */
function keyOf(file: ConflictFile): string {
  return [file.path, file.base?.oid ?? '-', file.ours?.oid ?? '-', file.theirs?.oid ?? '-'].join('\0');
}

/**
 * The class and regions of each conflicted file, as {@link analyzeFiles} finds them, kept by path
 * and blob ids: the same three versions meet again in the checks of a conflict matrix polled
 * for a live preview, and are then not read again. A verdict that rests on the sides' other
 * files (a SEMANTIC check of uses) is worked out each time.
 */
export async function verdictsOf(
  files: ConflictFile[],
  loadContext: (names: ReadonlySet<string>) => Promise<ClassifyContext>,
  parse?: ParseVersions,
): Promise<{ verdicts: Verdict[]; context: ClassifyContext }> {
  const found = files.map((f) => verdicts.get(keyOf(f)));
  const missing = files.filter((_, i) => found[i] === undefined);
  // Copies: a caller may change what it was given.
  if (missing.length === 0) return { verdicts: found.map((v) => structuredClone(v!)), context: {} };
  const { analyses, context } = await analyzeFiles(missing, loadContext, parse);
  let next = 0;
  const result = found.map((known, i) => {
    if (known) return structuredClone(known);
    const analysis = analyses[next++]!;
    const verdict = { classification: analysis.classification, regions: analysis.regions };
    const file = files[i]!;
    if (!wantsContext(analysis)) verdicts.set(keyOf(file), structuredClone(verdict), 200 + (file.merged?.length ?? 0));
    return verdict;
  });
  return { verdicts: result, context };
}
