import { LruCache } from './lru-cache';
import { topLevelUnits } from './top-level-units';

/** A statement inside a block of a top-level unit, with the comments and blank lines before it (offsets in the file). */
export interface InnerUnit {
  start: number;
  end: number;
  /** Offset of its first code character. */
  codeStart: number;
}

/** Blocks smaller than this are parsed as they are: leaving their statements out saves little. */
const MIN_BLOCK = 1_000;
/** Statements shorter than this stay in the parse. */
const MIN_STATEMENT = 120;
// A line ending in `{` after one of these opens a block of statements (not an object or a class body).
const OPENS_BLOCK = /(?:\)|=>|\belse|\btry|\bfinally|\bdo)\s*\{[ \t]*\r?$/;

/**
 * The statements inside the outermost blocks of `text` between `from` and `to` (a top-level
 * unit, or such a statement in turn): the bodies of functions, arrow functions, loops and
 * conditionals written one statement a line, found with the light scan of {@link topLevelUnits}
 * at the block's indentation, in order. Blocks inside those statements are not entered: the
 * caller asks again for the statements it wants to look into. A block the scan does not cut
 * cleanly is left alone; the parse that follows checks every cut.
 */
export function innerUnits(text: string, from: number, to: number): InnerUnit[] {
  // Cut once per text from the start of `from`'s line (the indentation the cut reads): the three
  // versions of a conflicted file, and the semantic check after them, ask of the same statements.
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const piece = text.slice(lineStart, to);
  const key = `${from - lineStart}\0${piece}`;
  let units = cuts.get(key);
  if (units === undefined) {
    units = cut(piece, from - lineStart, piece.length);
    cuts.set(key, units, piece.length + 24 * units.length);
  }
  return units.map((u) => ({ start: u.start + lineStart, end: u.end + lineStart, codeStart: u.codeStart + lineStart }));
}

// The cuts of the statements asked about lately, by their text: four million characters at most.
const cuts = new LruCache<InnerUnit[]>(4_000_000);

function cut(text: string, from: number, to: number): InnerUnit[] {
  const units: InnerUnit[] = [];
  let lineStart = from;
  while (lineStart < to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    const block = OPENS_BLOCK.test(text.slice(lineStart, lineEnd)) ? blockUnits(text, lineStart, lineEnd, to) : null;
    if (block) {
      units.push(...block.units);
      lineStart = block.close;
    } else lineStart = lineEnd + 1;
  }
  return units;
}

/** The statements of the block whose `{` ends the line [lineStart, lineEnd). */
function blockUnits(text: string, lineStart: number, lineEnd: number, to: number): { units: InnerUnit[]; close: number } | null {
  // The line's own indentation, wherever in it the unit asked about starts.
  const outer = indentOf(text, text.lastIndexOf('\n', lineStart - 1) + 1);
  const inside = lineEnd + 1;
  // The block closes on the first later line indented no deeper than the opening one.
  let at = inside;
  let indent: string | null = null;
  while (at < to) {
    let end = text.indexOf('\n', at);
    if (end === -1 || end > to) end = to;
    const own = indentOf(text, at);
    if (at + own.length < end && text[at + own.length] !== '\r') {
      if (own.length <= outer.length) break;
      indent ??= own;
    }
    at = end + 1;
  }
  if (indent === null || at >= to || text[at + outer.length] !== '}' || at - inside < MIN_BLOCK) return null;
  const units = topLevelUnits(text.slice(inside, at), indent);
  if (units === null) return null;
  const statements = units
    .filter((u) => u.codeStart !== -1 && u.end - u.start >= MIN_STATEMENT)
    .map((u) => ({ start: inside + u.start, end: inside + u.end, codeStart: inside + u.codeStart }));
  return { units: statements, close: at };
}

function indentOf(text: string, lineStart: number): string {
  let i = lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text.slice(lineStart, i);
}
