import type { ConflictFile } from '../conflict-file';
import type { ConflictRegion } from '../regions';
import { classifyCode } from './analyze-code';
import type { ClassifyContext, CodeFacts } from './analyze-code';
import { analyzeFiles, wantsContext } from './analyze-files';
import type { ParseVersions } from './analyze-file';
import type { Classification } from './classification';
import type { DeclarationChange } from './declaration-changes';
import { LruCache } from './focus/lru-cache';

/** What a report keeps of a conflicted file's analysis. */
export interface Verdict {
  classification: Classification;
  regions: ConflictRegion[];
}

/** What is kept of a file: its verdict, or, when that rests on the sides' other files, the facts it is worked out from. */
type Kept = Verdict | { regions: ConflictRegion[]; path: string; facts: CodeFacts };

// A verdict is a few hundred bytes and its regions' text; facts weigh their declarations' text
// (their code and signatures about as much again): sixteen million characters' weight at most.
const verdicts = new LruCache<Kept>(16_000_000);

/** The three versions and the path (reasons name it): what a verdict depends on, besides the sides' other files. */
function keyOf(file: ConflictFile): string {
  return [file.path, file.base?.oid ?? '-', file.ours?.oid ?? '-', file.theirs?.oid ?? '-'].join('\0');
}

const textOf = (c: DeclarationChange) => (c.before?.text.length ?? 0) + (c.after?.text.length ?? 0);

/**
 * The class and regions of each conflicted file, as {@link analyzeFiles} finds them, kept by path
 * and blob ids: the same three versions meet again in the checks of a conflict matrix (a branch
 * against each of the others, a matrix polled for a live preview), and are then not read again.
 * A verdict that rests on the sides' other files (a SEMANTIC check of uses) is kept as the facts
 * it rests on and worked out again with each merge's own files.
 */
export async function verdictsOf(
  files: ConflictFile[],
  loadContext: (names: ReadonlySet<string>) => Promise<ClassifyContext>,
  parse?: ParseVersions,
): Promise<{ verdicts: Verdict[]; context: ClassifyContext }> {
  const found = files.map((f) => verdicts.get(keyOf(f)));
  const missing = files.filter((_, i) => found[i] === undefined);
  const kept = found.flatMap((k) => (k !== undefined && 'facts' in k ? [k.facts] : []));
  const { analyses, context } = missing.length + kept.length === 0 ? { analyses: [], context: {} } : await analyzeFiles(missing, loadContext, parse, kept);
  let next = 0;
  const result = found.map((known, i): Verdict => {
    // Copies: a caller may change what it was given.
    if (known !== undefined && 'facts' in known) return { classification: classifyCode(known.path, known.facts, context), regions: structuredClone(known.regions) };
    if (known !== undefined) return structuredClone(known);
    const analysis = analyses[next++]!;
    const file = files[i]!;
    const verdict = { classification: analysis.classification, regions: analysis.regions };
    const weight = 200 + (file.merged?.length ?? 0);
    if (analysis.analysis === 'ast' && wantsContext(analysis)) {
      const { facts } = analysis.code;
      verdicts.set(keyOf(file), { regions: structuredClone(verdict.regions), path: file.path, facts }, weight + 3 * [...facts.oursChanges, ...facts.theirsChanges].reduce((sum, c) => sum + textOf(c), 0));
    } else verdicts.set(keyOf(file), structuredClone(verdict), weight);
    return verdict;
  });
  return { verdicts: result, context };
}
