import type { ConflictFile } from '../conflict-file';
import type { ConflictRegion } from '../regions';
import { classifyCode } from './analyze-code';
import type { ClassifyContext, CodeFacts } from './analyze-code';
import { contextFor, factsWantContext } from './analyze-files';
import { finishFile, prepareFile } from './analyze-file';
import type { ParseVersions } from './analyze-file';
import type { Classification } from './classification';
import type { DeclarationChange } from './declaration-changes';
import { LruCache } from './focus/lru-cache';

/** What a report keeps of a conflicted file's analysis. */
export interface Verdict {
  classification: Classification;
  regions: ConflictRegion[];
}

/** A conflicted file's verdict without the sides' other files, and the facts of a code file it was worked out from (plain data: it crosses threads). */
export interface FileVerdict extends Verdict {
  facts: CodeFacts | null;
}

/** Analyses conflicted files on their own (the sides' other files not looked at): what {@link verdictsOf} finishes. */
export type AnalyzeFiles = (files: ConflictFile[]) => Promise<FileVerdict[]>;

/** {@link FileVerdict} of one conflicted file, its versions read by `parse`. */
export function fileVerdict(file: ConflictFile, parse?: ParseVersions): FileVerdict {
  const analysis = finishFile(prepareFile(file, parse));
  return { classification: analysis.classification, regions: analysis.regions, facts: analysis.analysis === 'ast' ? analysis.code.facts : null };
}

/** Analyses files on this thread, their versions read by `parse`. */
export function analyzedHere(parse?: ParseVersions): AnalyzeFiles {
  return async (files) => files.map((file) => fileVerdict(file, parse));
}

const wantsContext = (verdict: FileVerdict): verdict is FileVerdict & { facts: CodeFacts } => verdict.facts !== null && factsWantContext(verdict.facts);

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
 * The class and regions of each conflicted file, kept by path and blob ids: the same three
 * versions meet again in the checks of a conflict matrix (a branch against each of the others, a
 * matrix polled for a live preview), and are then not read again. Files not kept are analysed by
 * `analyze` (on this thread, their versions read by `parse`, by default). A verdict that may rest
 * on the sides' other files (a removal, rename or signature change that a use elsewhere makes
 * SEMANTIC) is worked out from its facts with those files (`loadContext`, given the names broken:
 * some git processes, only when some file needs them), and kept as its facts, to be worked out
 * again with each merge's own files.
 */
export async function verdictsOf(
  files: ConflictFile[],
  loadContext: (names: ReadonlySet<string>) => Promise<ClassifyContext>,
  parse?: ParseVersions,
  analyze: AnalyzeFiles = analyzedHere(parse),
): Promise<{ verdicts: Verdict[]; context: ClassifyContext }> {
  const found = files.map((f) => verdicts.get(keyOf(f)));
  const missing = files.filter((_, i) => found[i] === undefined);
  const fresh = missing.length === 0 ? [] : await analyze(missing);
  const facts = [...fresh.flatMap((v) => (v.facts ? [v.facts] : [])), ...found.flatMap((k) => (k !== undefined && 'facts' in k ? [k.facts] : []))];
  const context = await contextFor(facts, loadContext);
  let next = 0;
  const result = found.map((known, i): Verdict => {
    // Copies: a caller may change what it was given.
    if (known !== undefined && 'facts' in known) return { classification: classifyCode(known.path, known.facts, context), regions: structuredClone(known.regions) };
    if (known !== undefined) return structuredClone(known);
    const analysed = fresh[next++]!;
    const file = files[i]!;
    const weight = 200 + (file.merged?.length ?? 0);
    if (wantsContext(analysed)) {
      const { facts } = analysed;
      verdicts.set(keyOf(file), { regions: structuredClone(analysed.regions), path: file.path, facts }, weight + 3 * [...facts.oursChanges, ...facts.theirsChanges].reduce((sum, c) => sum + textOf(c), 0));
      return { classification: classifyCode(file.path, facts, context), regions: analysed.regions };
    }
    const verdict = { classification: analysed.classification, regions: analysed.regions };
    verdicts.set(keyOf(file), structuredClone(verdict), weight);
    return verdict;
  });
  return { verdicts: result, context };
}
