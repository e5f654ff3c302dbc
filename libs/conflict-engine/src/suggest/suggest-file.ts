import { createHash } from 'node:crypto';
import { parsedVersion } from '../classify/analyze-code';
import type { ClassifyContext, CodeAnalysis } from '../classify/analyze-code';
import { judgeRegion } from '../classify/analyze-text';
import { analyzeFile } from '../classify/analyze-file';
import type { FileAnalysis } from '../classify/analyze-file';
import type { Classification } from '../classify/classification';
import { isCodeFile } from '../classify/code-files';
import { parseCode } from '../classify/parse-code';
import type { ConflictFile } from '../conflict-file';
import { resolveRegions } from '../regions';
import { scoreConfidence } from './confidence';
import type { FixStrategy, FixSuggestion, UnresolvedConflict } from './fix-suggestion';
import type { ResolutionModel } from './resolution-model';
import { duplicateIn } from './duplicates';
import type { CountedText } from './duplicates';
import { unionCode } from './union-code';
import { mergeMismatch } from './verify-merge';

/** Options of {@link suggestFileFixes}. */
export interface SuggestFileOptions {
  context?: ClassifyContext;
  /** Asked for CONCURRENT conflicts only; its result passes the same checks and scores lower. */
  model?: ResolutionModel;
  /**
   * What the suggestion is for beyond the file (suggestFixes passes the repository and the two
   * refs): part of its id, so that one fix found for two merges is two suggestions, each applied
   * where it belongs.
   */
  scope?: string;
}

/** The fixes for one file: checked whole-file suggestions, or why there is none. */
export interface FileSuggestions {
  classification: Classification;
  suggestions: FixSuggestion[];
  unresolved: UnresolvedConflict | null;
}

const MARKER = /^(<{7,}|={7,}|>{7,})( |$)/m;
const lineCount = (text: string) => (text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0));

interface Candidate {
  strategy: FixStrategy;
  content: string;
  description: string;
}

function trivialCandidate(code: CodeAnalysis): Candidate | null {
  const { ours, theirs } = code;
  switch (code.trivial) {
    case 'whitespace':
      return { strategy: 'whitespace', content: ours.text, description: 'take ours: the sides differ only in formatting' };
    case 'import-order':
      return { strategy: 'import-order', content: ours.text, description: "take ours: the sides differ only in their imports' order" };
    case 'take-ours':
      return { strategy: 'take-ours', content: ours.text, description: 'take ours: theirs only reformatted the file' };
    case 'take-theirs':
      return { strategy: 'take-theirs', content: theirs.text, description: 'take theirs: ours only reformatted the file' };
    default:
      return null;
  }
}

/** Region by region by text rules: one side where the other only reformatted, both where both only added. */
function textCandidate(file: ConflictFile): Candidate | null {
  if (file.merged === null) return null;
  const strategies = new Set<FixStrategy>();
  const content = resolveRegions(file.merged, (region) => {
    const verdict = judgeRegion(region);
    if (verdict.take === null) return null;
    strategies.add(verdict.take === 'both' ? 'union' : 'whitespace');
    return verdict.take === 'both' ? region.ours + region.theirs : region[verdict.take];
  });
  if (content === null || strategies.size === 0) return null;
  const strategy = strategies.has('union') ? 'union' : 'whitespace';
  const description = strategy === 'union' ? "keep both sides' added lines, ours first" : 'take the side that changed each region; the other only reformatted';
  return { strategy, content, description };
}

/**
 * The result is acceptable: no conflict markers left, nothing held twice that neither side holds
 * twice (a declaration, statement, test block or key), and for code, it parses and is the right
 * three-way merge.
 */
function checkCandidate(file: ConflictFile, analysis: FileAnalysis, content: string, strict: boolean): boolean {
  if (MARKER.test(content) && !MARKER.test(file.ours?.text ?? '')) return false;
  const sides: Array<CountedText | string> =
    analysis.analysis === 'ast'
      ? [analysis.code.ours, analysis.code.theirs]
      : [file.ours?.text ?? '', file.theirs?.text ?? ''];
  if (!isCodeFile(file.path)) return duplicateIn(file.path, content, sides) === null;
  const parsed = parseCode(file.path, content);
  if (!parsed.ok) return false;
  if (duplicateIn(file.path, { text: content, program: parsed.program }, sides) !== null) return false;
  if (!strict || analysis.analysis !== 'ast') return true;
  const { base, ours, theirs } = analysis.code;
  return mergeMismatch(base, ours, theirs, parsedVersion(content, parsed.program)) === null;
}

function sideTexts(file: ConflictFile, analysis: FileAnalysis): { ours: string | null; theirs: string | null } {
  const names = new Set(analysis.classification.declarations);
  if (analysis.analysis === 'ast' && names.size > 0) {
    const pick = (decls: CodeAnalysis['ours']['declarations']) => {
      const found = decls.flatMap((d) => [d, ...d.members]).filter((d) => names.has(d.name));
      return found.length ? found.map((d) => d.text).join('\n\n') : null;
    };
    return { ours: pick(analysis.code.ours.declarations), theirs: pick(analysis.code.theirs.declarations) };
  }
  if (analysis.regions.length > 0) {
    return { ours: analysis.regions.map((r) => r.ours).join('…\n'), theirs: analysis.regions.map((r) => r.theirs).join('…\n') };
  }
  return { ours: file.ours?.text ?? null, theirs: file.theirs?.text ?? null };
}

function toSuggestion(file: ConflictFile, analysis: FileAnalysis, candidate: Candidate, scope: string): FixSuggestion {
  const from = { base: file.base?.oid ?? null, ours: file.ours?.oid ?? null, theirs: file.theirs?.oid ?? null };
  const conflictedLines = analysis.regions.reduce((n, r) => n + lineCount(r.ours) + lineCount(r.theirs), 0);
  const confidence = scoreConfidence({
    strategy: candidate.strategy,
    parses: isCodeFile(file.path) ? true : null,
    conflictedLines,
    totalLines: lineCount(candidate.content),
  });
  const id = createHash('sha1')
    .update([scope, file.path, from.ours, from.theirs, candidate.strategy, candidate.content].join('\0'))
    .digest('hex')
    .slice(0, 12);
  return { id, path: file.path, class: analysis.classification.class, ...candidate, from, confidence };
}

/**
 * Whole-file fixes for one conflicted file, each checked before it is offered (no markers left;
 * code must parse, and a union must be exactly the three-way merge of the declarations).
 * TRIVIAL: the side that carries every real change. STRUCTURAL: both sides' additions. CONCURRENT
 * and SEMANTIC: none (the two versions are returned to choose from), unless a `model` is given
 * for a CONCURRENT one.
 */
export async function suggestFileFixes(file: ConflictFile, options: SuggestFileOptions = {}): Promise<FileSuggestions> {
  const analysis = analyzeFile(file, options.context);
  const { classification } = analysis;
  const candidates: Array<{ candidate: Candidate; strict: boolean }> = [];
  if (analysis.analysis === 'ast') {
    const trivial = trivialCandidate(analysis.code);
    if (trivial) candidates.push({ candidate: trivial, strict: false });
    if (classification.class === 'STRUCTURAL') {
      const union = unionCode(analysis.code);
      if (union !== null) candidates.push({ candidate: { strategy: 'union', content: union, description: "keep both sides' declarations; theirs' placed as in theirs" }, strict: true });
    }
  }
  if (classification.class === 'TRIVIAL' || classification.class === 'STRUCTURAL') {
    const text = textCandidate(file);
    if (text) candidates.push({ candidate: text, strict: true });
  }
  const checked = candidates.find(({ candidate, strict }) => checkCandidate(file, analysis, candidate.content, strict));
  const scope = options.scope ?? '';
  if (checked) return { classification, suggestions: [toSuggestion(file, analysis, checked.candidate, scope)], unresolved: null };

  if (classification.class === 'CONCURRENT' && options.model && file.ours && file.theirs) {
    const proposal = await options.model.resolve({
      path: file.path,
      base: file.base?.text ?? null,
      ours: file.ours.text,
      theirs: file.theirs.text,
      reason: classification.reason,
    });
    if (proposal !== null && checkCandidate(file, analysis, proposal, false)) {
      const candidate = { strategy: 'model' as const, content: proposal, description: `merged by ${options.model.name}: read it before applying` };
      return { classification, suggestions: [toSuggestion(file, analysis, candidate, scope)], unresolved: null };
    }
  }
  const why = candidates.length > 0 ? 'no resolution passed the checks' : 'no safe automatic fix';
  const unresolved: UnresolvedConflict = {
    path: file.path,
    class: classification.class,
    reason: `${classification.reason}; ${why}: choose between the two versions`,
    ...sideTexts(file, analysis),
  };
  return { classification, suggestions: [], unresolved };
}
