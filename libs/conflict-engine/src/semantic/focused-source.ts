import type * as TS from 'typescript';
import { innerUnits } from '../classify/focus/inner-units';
import type { InnerUnit } from '../classify/focus/inner-units';
import type { TopLevelUnit } from '../classify/focus/top-level-units';
import { statementsOf } from '../classify/focus/statements-of';
import { sourceFile } from './typescript-source';

/**
 * What of a top-level unit to parse: nothing, all of it, or its outline: all but the statements
 * inside its blocks that `keepInside` turns down, and inside the statements it keeps, again those
 * it turns down (a few levels deep).
 */
export type UnitChoice = 'skip' | 'whole' | 'outline';

// For each focused parse, where its kept pieces lie in the file: their offsets in the parsed text
// and in the file, in order.
const piecesOf = new WeakMap<TS.SourceFile, Piece[]>();

interface Piece {
  /** Where the piece starts in the parsed text. */
  at: number;
  /** Where it starts in the file. */
  from: number;
}

/**
 * `text` parsed with only the parts a reader needs: each top-level unit (a statement with the
 * comments before it) as `choose` says, from its code (`code`). Left-out text keeps only its line
 * breaks (a space where it has none), so that the lines read from the tree are the whole file's
 * at the cost of the kept parts alone; {@link fileOffset} turns the tree's offsets back into the
 * file's. The whole file is parsed when the light cut into statements is not sure (an unbalanced
 * scan, or the statements parsed are not exactly the units kept).
 */
export function focusedSource(
  file: string,
  text: string,
  parents: boolean,
  choose: (unit: TopLevelUnit, code: string) => UnitChoice,
  keepInside: (inner: InnerUnit) => boolean = () => false,
): TS.SourceFile {
  const units = statementsOf(text);
  if (units === null) return sourceFile(file, text, parents);
  const kept: Array<{ codeStart: number; end: number }> = [];
  const left: Array<{ start: number; end: number }> = [];
  for (const unit of units) {
    const choice = unit.codeStart === -1 ? 'whole' : choose(unit, text.slice(unit.codeStart, unit.end));
    if (choice === 'skip') {
      left.push(unit);
      continue;
    }
    if (choice === 'outline') left.push(...leftOutInside(text, unit.codeStart, unit.end, keepInside, MAX_DEPTH));
    if (unit.codeStart !== -1) kept.push(unit);
  }
  if (left.length === 0) return sourceFile(file, text, parents);
  const { parsed, pieces } = withoutRanges(text, left);
  const source = sourceFile(file, parsed, parents);
  piecesOf.set(source, pieces);
  return alignedWith(source, kept) ? source : sourceFile(file, text, parents);
}

/** Where an offset of `source` (a focused parse, or any other) lies in the file it was parsed from. */
export function fileOffset(source: TS.SourceFile, offset: number): number {
  const pieces = piecesOf.get(source);
  if (!pieces) return offset;
  let [lo, hi] = [0, pieces.length - 1];
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (pieces[mid]!.at <= offset) lo = mid;
    else hi = mid - 1;
  }
  const piece = pieces[lo]!;
  return piece.from + offset - piece.at;
}

/** `text` with each of `ranges` (sorted, apart) cut down to its line breaks (a space when it has none), and where the pieces left lie. */
function withoutRanges(text: string, ranges: ReadonlyArray<{ start: number; end: number }>): { parsed: string; pieces: Piece[] } {
  const parts: string[] = [];
  const pieces: Piece[] = [];
  let length = 0;
  let from = 0;
  const keep = (end: number) => {
    pieces.push({ at: length, from });
    parts.push(text.slice(from, end));
    length += end - from;
  };
  for (const range of ranges) {
    keep(range.start);
    const breaks = lineBreaks(text, range.start, range.end);
    const gap = breaks === 0 ? ' ' : '\n'.repeat(breaks);
    parts.push(gap);
    length += gap.length;
    from = range.end;
  }
  keep(text.length);
  return { parsed: parts.join(''), pieces };
}

function lineBreaks(text: string, start: number, end: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', start); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

// How deep inside a top-level unit statements are looked for (a test inside a describe inside …).
const MAX_DEPTH = 6;

/** The statements inside the blocks between `from` and `to` that `keepInside` turns down, looked for again inside those it keeps, in order. */
function leftOutInside(text: string, from: number, to: number, keepInside: (inner: InnerUnit) => boolean, depth: number): InnerUnit[] {
  if (depth === 0) return [];
  return innerUnits(text, from, to).flatMap((inner) => (keepInside(inner) ? leftOutInside(text, inner.codeStart, inner.end, keepInside, depth - 1) : [inner]));
}

/** Whether the statements parsed are the kept units' statements: each unit starts one, and every one lies inside a unit. */
function alignedWith(source: TS.SourceFile, kept: ReadonlyArray<{ codeStart: number; end: number }>): boolean {
  let k = -1;
  for (const statement of source.statements) {
    const start = fileOffset(source, statement.getStart(source));
    if (kept[k + 1]?.codeStart === start) k++;
    const unit = kept[k];
    if (!unit || start < unit.codeStart || fileOffset(source, statement.end) > unit.end) return false;
  }
  return k === kept.length - 1;
}
