import type { ConflictFile } from '../conflict-file';
import { conflictRegions } from '../regions';
import type { ConflictRegion } from '../regions';
import { analyzeCode, parsedVersion } from './analyze-code';
import type { ClassifyContext, CodeAnalysis, ParsedVersion } from './analyze-code';
import { classifyText } from './analyze-text';
import type { Classification } from './classification';
import { SEVERITY_OF } from './classification';
import { isCodeFile } from './code-files';
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

/** Reads a conflicted file: syntax trees for TypeScript and JavaScript that parse, text rules otherwise. */
export function analyzeFile(file: ConflictFile, context: ClassifyContext = {}): FileAnalysis {
  const regions = file.merged === null ? [] : conflictRegions(file.merged);
  if (file.ours === null || file.theirs === null) {
    const [gone, kept] = file.ours === null ? ['ours', 'theirs'] : ['theirs', 'ours'];
    if (file.base === null) {
      // Nothing to delete: the path is new on both sides, as entries of different types (a symlink
      // and a file), which git records under two names, this one holding only one side's.
      const reason = `${kept} adds ${file.path} and ${gone} does not delete it: git keeps the sides' entries apart (as for a symlink and a file added at one path); keep one or both`;
      return text({ class: 'CONCURRENT', declarations: [], reason }, regions);
    }
    const reason = `${gone} deletes ${file.path} while ${kept} changes it; keep ${kept}'s version or delete the file`;
    return text({ class: 'SEMANTIC', declarations: [], reason }, regions);
  }
  const versions = [file.base, file.ours, file.theirs];
  if (versions.some((v) => v !== null && looksBinary(v.text))) {
    return text({ class: 'CONCURRENT', declarations: [], reason: `both sides change the binary file ${file.path}; choose one version` }, regions);
  }
  if (!isCodeFile(file.path)) return { analysis: 'text', regions, classification: classifyText(regions) };
  const base = parseVersion(file.path, file.base?.text ?? '');
  const ours = parseVersion(file.path, file.ours.text);
  const theirs = parseVersion(file.path, file.theirs.text);
  if (typeof base === 'string' || typeof ours === 'string' || typeof theirs === 'string') {
    const side = typeof base === 'string' ? 'base' : typeof ours === 'string' ? 'ours' : 'theirs';
    const message = [base, ours, theirs].find((v): v is string => typeof v === 'string') ?? '';
    return { analysis: 'text', regions, classification: classifyText(regions, { side, message }) };
  }
  const code = analyzeCode(file.path, base, ours, theirs, context);
  return { analysis: 'ast', classification: code.classification, code, regions };
}
