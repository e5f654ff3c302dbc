import * as path from 'node:path';
import type { FileVersion } from '../../conflict-file';
import { parsedVersion } from '../analyze-code';
import type { ParsedVersion } from '../analyze-code';
import { firstFrom, withoutTree } from '../normalize';
import { endOf, parseCode, startOf } from '../parse-code';
import type { ParsedCode } from '../parse-code';
import { blank } from './blank';
import { innerUnits } from './inner-units';
import type { InnerUnit } from './inner-units';
import { LruCache } from './lru-cache';
import { matchUnits } from './match-units';
import { statementsOf } from './statements-of';
import type { TopLevelUnit } from './top-level-units';

/** A version parsed, or the parser's message when it does not parse. */
export type VersionOutcome = ParsedVersion | string;

/** The three versions of a conflicted code file, each parsed or with the parser's message. */
export interface ParsedVersions {
  base: VersionOutcome;
  ours: VersionOutcome;
  theirs: VersionOutcome;
}

/** The three versions to parse (base null for a file both sides added). */
export interface CodeVersions {
  base: FileVersion | null;
  ours: FileVersion;
  theirs: FileVersion;
}

// A parse is kept without its tree's nodes (see keepable), at about 40 bytes per parsed character
// (tokens, declarations and their code; 73 with the nodes), and its text at 2 per character:
// 96 MB at most, some 2.4 million parsed characters.
const PARSED_BYTES = 40;
const TEXT_BYTES = 2;
// How deep inside a changed top-level unit statements are looked for.
const MAX_DEPTH = 6;
const parses = new LruCache<VersionOutcome>(96_000_000);

/** Each version parsed as a whole: what {@link parseVersions} falls back to, and what fixes need. */
export function parseWholeVersions(file: string, versions: CodeVersions): ParsedVersions {
  return { base: whole(file, versions.base), ours: whole(file, versions.ours), theirs: whole(file, versions.theirs) };
}

/**
 * The three versions of a code file parsed for classification: only the top-level units one side
 * or the other changed, each unit that is the same text in all three versions left out of the
 * trees and standing for one opaque token in their formatting-blind code, so that the verdict is
 * the whole files' verdict at the cost of the changed parts. The parses are kept by blob id
 * (least recently used forgotten past a bound), so that the checks of a conflict matrix, and
 * repeated previews, parse each blob once. Whole files are parsed when the cut into units is not
 * sure (an unbalanced scan, a unit the parser reads otherwise) or a changed part does not parse.
 */
export function parseVersions(file: string, versions: CodeVersions): ParsedVersions {
  return focused(file, versions) ?? parseWholeVersions(file, versions);
}

function extension(file: string): string {
  return path.extname(file).toLowerCase();
}

function whole(file: string, version: FileVersion | null): VersionOutcome {
  const text = version?.text ?? '';
  const key = version ? `${version.oid}\0${extension(file)}\0whole` : null;
  const known = key === null ? undefined : parses.get(key);
  if (known !== undefined) return known;
  const outcome = parseCode(file, text);
  const result = outcome.ok ? parsedVersion(text, outcome.program) : outcome.message;
  if (key !== null) parses.set(key, keepable(result), text.length * (PARSED_BYTES + TEXT_BYTES));
  return result;
}

function unitsOf(version: FileVersion | null): TopLevelUnit[] | null {
  return statementsOf(version?.text ?? '');
}

function focused(file: string, versions: CodeVersions): ParsedVersions | null {
  const list = [versions.base, versions.ours, versions.theirs];
  const units = list.map(unitsOf);
  if (units.some((u) => u === null)) return null;
  const [baseUnits, oursUnits, theirsUnits] = units as [TopLevelUnit[], TopLevelUnit[], TopLevelUnit[]];
  const texts = list.map((v, k) => units[k]!.map((u) => (v?.text ?? '').slice(u.start, u.end)));
  const toOurs = matchUnits(texts[0]!, texts[1]!);
  const toTheirs = matchUnits(texts[0]!, texts[2]!);
  if (!toOurs || !toTheirs) return null;
  // A unit is left out only where it is the same text in all three versions.
  const keep = units.map((u) => new Array<boolean>(u!.length).fill(true));
  const marks = units.map(() => new Map<number, string>());
  baseUnits.forEach((_, i) => {
    const [o, t] = [toOurs[i]!, toTheirs[i]!];
    if (o === -1 || t === -1 || i === baseUnits.length - 1 || o === oursUnits.length - 1 || t === theirsUnits.length - 1) return;
    const mark = `§${hash(texts[0]![i]!)}`;
    [keep[0]![i], keep[1]![o], keep[2]![t]] = [false, false, false];
    marks[0]!.set(i, mark);
    marks[1]!.set(o, mark);
    marks[2]!.set(t, mark);
  });
  const inner = innerElisions(list, units as TopLevelUnit[][], keep);
  if (marks[0]!.size === 0 && inner.every((x) => x.length === 0)) return null;
  const parsed = list.map((version, k) => part(file, version, units[k]!, keep[k]!, marks[k]!, inner[k]!));
  if (parsed.some((p) => p === null)) return null;
  return { base: parsed[0]!, ours: parsed[1]!, theirs: parsed[2]! };
}

/** One version with its left-out units blanked (offsets and lines kept), parsed; null when that parse is not to be trusted. */
function part(
  file: string,
  version: FileVersion | null,
  units: TopLevelUnit[],
  keep: boolean[],
  marks: Map<number, string>,
  inner: Elided[],
): ParsedVersion | null {
  const text = version?.text ?? '';
  const innerKey = inner.map((x) => `${x.range[0]}-${x.range[1]}`).join(',');
  const key = version ? `${version.oid}\0${extension(file)}\0${selection(keep)}\0${innerKey}` : null;
  const known = key === null ? undefined : parses.get(key);
  if (known !== undefined) return typeof known === 'string' ? null : known;
  let blanked = '';
  let parsedChars = 0;
  units.forEach((u, i) => {
    const piece = text.slice(u.start, u.end);
    blanked += keep[i] ? piece : blank(piece);
    if (keep[i]) parsedChars += piece.length;
  });
  blanked = blankRanges(blanked, inner);
  parsedChars -= inner.reduce((sum, x) => sum + x.range[1] - x.range[0], 0);
  const outcome = parseCode(file, blanked);
  let result: ParsedVersion | null = null;
  if (outcome.ok && aligned(outcome.program, units, keep) && betweenStatements(outcome.program, inner)) {
    const program: ParsedCode = outcome.program;
    const top = units.flatMap((u, i) => (keep[i] ? [] : [{ range: [u.start, u.end] as [number, number], mark: marks.get(i)! }]));
    program.elided = [...top, ...inner].sort((a, b) => a.range[0] - b.range[0]);
    result = parsedVersion(text, program);
  }
  if (key !== null) parses.set(key, result ? keepable(result) : 'untrusted', text.length * TEXT_BYTES + parsedChars * PARSED_BYTES);
  return result;
}

/**
 * A parsed version as the cache keeps it: classifying reads a version's declarations and
 * formatting-blind code once they are out, never its tree's nodes again, so those are dropped.
 */
function keepable(outcome: VersionOutcome): VersionOutcome {
  return typeof outcome === 'string' ? outcome : { ...outcome, program: withoutTree(outcome.program) };
}

/** A left-out statement: its range and the opaque token standing for it. */
type Elided = { range: [number, number]; mark: string };

/** `text` with each range (sorted, apart) blanked. */
function blankRanges(text: string, ranges: readonly Elided[]): string {
  if (ranges.length === 0) return text;
  let out = '';
  let at = 0;
  for (const { range } of ranges) {
    out += text.slice(at, range[0]) + blank(text.slice(range[0], range[1]));
    at = range[1];
  }
  return out + text.slice(at);
}

/**
 * The statements inside the kept (changed) top-level units that are the same text in all three
 * versions, per version: left out of the parses as top-level units are, so that a one-line edit
 * inside a 4,000-line test loop parses the statements around it, not the loop. A statement
 * inside one left out is not listed again.
 */
function innerElisions(list: Array<FileVersion | null>, units: TopLevelUnit[][], keep: boolean[][]): Elided[][] {
  const texts = list.map((v) => v?.text ?? '');
  const elided: Elided[][] = list.map(() => []);
  // Level by level: the statements of the changed units' blocks, then of the changed statements' blocks.
  let frontier = units.map((u, k) => u.filter((x, i) => keep[k]![i] && x.codeStart !== -1).map((x) => ({ codeStart: x.codeStart, end: x.end })));
  for (let level = 0; level < MAX_DEPTH && frontier.every((f) => f.length > 0); level++) {
    const found = frontier.map((f, k) => f.flatMap((x) => innerUnits(texts[k]!, x.codeStart, x.end)).map((x: InnerUnit) => ({ ...x, text: texts[k]!.slice(x.start, x.end) })));
    const sets = found.map((f) => new Set(f.map((x) => x.text)));
    const common = (t: string) => sets.every((set) => set.has(t));
    frontier = found.map((f, k) => {
      const changed: InnerUnit[] = [];
      for (const x of f) {
        if (common(x.text)) elided[k]!.push({ range: [x.start, x.end], mark: `§${hash(x.text)}` });
        else changed.push(x);
      }
      return changed;
    });
  }
  return elided.map((e) => e.sort((a, b) => a.range[0] - b.range[0]));
}

/** Whether every left-out statement lay between two statements of one block (or at a block's edge), as the cut assumed. */
function betweenStatements(program: ParsedCode, inner: readonly Elided[]): boolean {
  if (inner.length === 0) return true;
  const gaps: Array<[number, number]> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const n = node as Record<string, unknown> & { type?: unknown; start?: number; end?: number; body?: unknown };
    if (typeof n.type !== 'string') return;
    // Only the blocks around a left-out statement matter: a node holding none is not entered.
    if (n.start === undefined || n.end === undefined) return;
    if (!holdsSome(inner, n.start, n.end)) return;
    if (n.type === 'BlockStatement' && Array.isArray(n.body)) {
      const body = n.body as object[];
      const edges = [n.start + 1, ...body.flatMap((statement) => [startOf(statement), endOf(statement)]), n.end - 1];
      for (let i = 0; i < edges.length; i += 2) gaps.push([edges[i]!, edges[i + 1]!]);
    }
    for (const key in n) if (key !== 'parent' && typeof n[key] === 'object') visit(n[key]);
  };
  visit(program.body);
  gaps.sort((a, b) => a[0] - b[0]);
  return inner.every(({ range: [from, to] }) => {
    let [lo, hi] = [0, gaps.length];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (gaps[mid]![0] <= from) lo = mid + 1;
      else hi = mid;
    }
    const gap = gaps[lo - 1];
    return gap !== undefined && to <= gap[1];
  });
}

/** Whether some of `ranges` (sorted by start, apart) lies wholly inside `[from, to]`. */
function holdsSome(ranges: readonly Elided[], from: number, to: number): boolean {
  const first = ranges[firstFrom(ranges, from)];
  return first !== undefined && first.range[1] <= to;
}

/** Whether the statements parsed are exactly the kept units' statements: each kept unit starts one and ends one, nothing outside. */
function aligned(program: ParsedCode, units: TopLevelUnit[], keep: boolean[]): boolean {
  const body = program.body;
  let b = 0;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    if (!keep[i] || unit.codeStart === -1) continue;
    if (body[b] === undefined || startOf(body[b]!) !== unit.codeStart) return false;
    while (b < body.length && endOf(body[b]!) < unit.end) b++;
    if (body[b] === undefined || endOf(body[b]!) !== unit.end) return false;
    b++;
  }
  return b === body.length;
}

/** The kept units as runs, a short key for the parse cache. */
function selection(keep: boolean[]): string {
  const runs: number[] = [];
  let current = true;
  let length = 0;
  for (const k of keep) {
    if (k === current) length++;
    else {
      runs.push(length);
      current = k;
      length = 1;
    }
  }
  runs.push(length);
  return runs.join(',');
}

/** FNV-1a of a unit's text with its length: the same text in each version gives the same opaque token. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(36)}${text.length.toString(36)}`;
}
