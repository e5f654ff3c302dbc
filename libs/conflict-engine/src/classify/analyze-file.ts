import type { ConflictFile } from '../conflict-file';
import { conflictRegions } from '../regions';
import type { ConflictRegion } from '../regions';
import { analyzeCode, classifyCode, parsedVersion } from './analyze-code';
import type { ClassifyContext, CodeAnalysis, ParsedVersion } from './analyze-code';
import { classifyText } from './analyze-text';
import type { Classification } from './classification';
import { SEVERITY_OF } from './classification';
import { isCodeFile } from './code-files';
import type { CodeVersions, ParsedVersions } from './focus/parse-versions';
import { parseCode } from './parse-code';

/** Everything the engine worked out about one conflicted file: its class and what a fix can build on. */
export type FileAnalysis =
  | { analysis: 'ast'; classification: Classification; code: CodeAnalysis; regions: ConflictRegion[] }
  | { analysis: 'text'; classification: Classification; regions: ConflictRegion[] };

/** Whether a text looks binary (a NUL byte early on, as git decides). */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\0');
}

function text(classification: Omit<Classification, 'severity' | 'analysis'>, regions: ConflictRegion[]): FileAnalysis {
  return { analysis: 'text', regions, classification: { ...classification, severity: SEVERITY_OF[classification.class], analysis: 'text' } };
}

/** A parsed version, or the parser's message when it does not parse. */
function parseVersion(path: string, source: string): ParsedVersion | string {
  const outcome = parseCode(path, source);
  return outcome.ok ? parsedVersion(source, outcome.program) : outcome.message;
}

/** A conflicted file read up to its syntax trees: its analysis when text rules already settled it, else the three parsed versions. */
export type PreparedFile =
  | { settled: FileAnalysis }
  | { settled: null; path: string; regions: ConflictRegion[]; base: ParsedVersion; ours: ParsedVersion; theirs: ParsedVersion };

/** How the three versions of a code file are parsed: each whole by default. */
export type ParseVersions = (path: string, versions: CodeVersions) => ParsedVersions;

const wholeFiles: ParseVersions = (path, versions) => ({
  base: parseVersion(path, versions.base?.text ?? ''),
  ours: parseVersion(path, versions.ours.text),
  theirs: parseVersion(path, versions.theirs.text),
});

/**
 * The part of reading a conflicted file that does not depend on the other files the sides
 * changed: the regions, the text rules where they decide, and the parsed versions otherwise.
 */
export function prepareFile(file: ConflictFile, parse: ParseVersions = wholeFiles): PreparedFile {
  const regions = file.merged === null ? [] : conflictRegions(file.merged);
  if (file.ours === null || file.theirs === null) {
    const [gone, kept] = file.ours === null ? ['ours', 'theirs'] : ['theirs', 'ours'];
    if (file.base === null) {
      // Nothing to delete: the path is new on both sides, as entries of different types (a symlink
      // and a file), which git records under two names, this one holding only one side's.
      const reason = `${kept} adds ${file.path} and ${gone} does not delete it: git keeps the sides' entries apart (as for a symlink and a file added at one path); keep one or both`;
      return { settled: text({ class: 'CONCURRENT', declarations: [], reason }, regions) };
    }
    const reason = `${gone} deletes ${file.path} while ${kept} changes it; keep ${kept}'s version or delete the file`;
    return { settled: text({ class: 'SEMANTIC', declarations: [], reason }, regions) };
  }
  const versions = [file.base, file.ours, file.theirs];
  if (versions.some((v) => v !== null && looksBinary(v.text))) {
    return { settled: text({ class: 'CONCURRENT', declarations: [], reason: `both sides change the binary file ${file.path}; choose one version` }, regions) };
  }
  if (!isCodeFile(file.path)) return { settled: { analysis: 'text', regions, classification: classifyText(regions) } };
  const { base, ours, theirs } = parse(file.path, { base: file.base, ours: file.ours, theirs: file.theirs });
  if (typeof base === 'string' || typeof ours === 'string' || typeof theirs === 'string') {
    const side = typeof base === 'string' ? 'base' : typeof ours === 'string' ? 'ours' : 'theirs';
    const message = [base, ours, theirs].find((v): v is string => typeof v === 'string') ?? '';
    return { settled: { analysis: 'text', regions, classification: classifyText(regions, { side, message }) } };
  }
  return { settled: null, path: file.path, regions, base, ours, theirs };
}

/** The analysis of a prepared file, with `context` for the SEMANTIC checks that look beyond it. */
export function finishFile(prepared: PreparedFile, context: ClassifyContext = {}): FileAnalysis {
  if (prepared.settled) return prepared.settled;
  const code = analyzeCode(prepared.path, prepared.base, prepared.ours, prepared.theirs, context);
  return { analysis: 'ast', classification: code.classification, code, regions: prepared.regions };
}

/** `analysis` with its verdict worked out again from its facts with `context` (text rules' verdicts stay). */
export function withContext(path: string, analysis: FileAnalysis, context: ClassifyContext): FileAnalysis {
  if (analysis.analysis !== 'ast') return analysis;
  const classification = classifyCode(path, analysis.code.facts, context);
  return { ...analysis, classification, code: { ...analysis.code, classification } };
}

/** Reads a conflicted file: syntax trees for TypeScript and JavaScript that parse, text rules otherwise. */
export function analyzeFile(file: ConflictFile, context: ClassifyContext = {}): FileAnalysis {
  return finishFile(prepareFile(file), context);
}
