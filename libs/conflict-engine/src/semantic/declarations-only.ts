import type * as TS from 'typescript';
import { innerUnits } from '../classify/focus/inner-units';
import { topLevelUnits } from '../classify/focus/top-level-units';
import { sourceFile } from './typescript-source';

// The first words of the top-level statements `apiOf` reads (an `@` starts a decorated class).
const DECLARES = /^(?:export|function|class|interface|type|enum|namespace|module|declare|const|let|var|abstract|async|default|@)/;
// A unit holding a second statement on one line that could declare something: kept whole.
const SECOND_DECLARATION = /;[ \t]*(?:export|function|class|interface|type|enum|namespace|module|declare|const|let|var|abstract|async|@)\b/;

/**
 * `text` parsed with only the top-level statements that may declare a name, and without the
 * statements inside their function bodies: the others (a 4,000-line `describe` or `for` loop of
 * a test file, a call, an assignment) are blanked, lines and offsets kept, so that lines and positions read from the tree are the whole file's. The
 * whole file is parsed when the light cut into statements is not sure (an unbalanced scan, or
 * the statements parsed are not exactly the units kept).
 */
export function declarationsSource(file: string, text: string): TS.SourceFile {
  const units = topLevelUnits(text);
  if (units === null) return sourceFile(file, text, false);
  const kept: Array<{ codeStart: number; end: number }> = [];
  let blanked = '';
  let dropped = false;
  for (const unit of units) {
    const piece = text.slice(unit.start, unit.end);
    const code = unit.codeStart === -1 ? '' : text.slice(unit.codeStart, unit.end);
    if (unit.codeStart === -1 || DECLARES.test(code) || SECOND_DECLARATION.test(code)) {
      // A function's or method's body declares nothing for other files: its statements are left out too.
      const inside = unit.codeStart === -1 ? [] : innerUnits(text, unit.codeStart, unit.end);
      blanked += blankRanges(text, unit.start, unit.end, inside);
      dropped ||= inside.length > 0;
      if (unit.codeStart !== -1) kept.push(unit);
    } else {
      blanked += blank(piece);
      dropped = true;
    }
  }
  if (!dropped) return sourceFile(file, text, false);
  const source = sourceFile(file, blanked, false);
  const aligned = alignedWith(source, kept);
  // Blanks are trivia: every kept node's text, offsets and lines are the whole file's.
  return aligned ? source : sourceFile(file, text, false);
}

function blank(piece: string): string {
  return piece.replace(/[^\n]+/g, (run) => ' '.repeat(run.length));
}

/** The text between `from` and `to` with `ranges` (sorted, apart, inside) blanked. */
function blankRanges(text: string, from: number, to: number, ranges: ReadonlyArray<{ start: number; end: number }>): string {
  let out = '';
  let at = from;
  for (const r of ranges) {
    out += text.slice(at, r.start) + blank(text.slice(r.start, r.end));
    at = r.end;
  }
  return out + text.slice(at, to);
}

/** Whether the statements parsed are the kept units' statements: each unit starts one, and every one lies inside a unit. */
function alignedWith(source: TS.SourceFile, kept: ReadonlyArray<{ codeStart: number; end: number }>): boolean {
  let k = -1;
  for (const statement of source.statements) {
    const start = statement.getStart(source);
    if (kept[k + 1]?.codeStart === start) k++;
    const unit = kept[k];
    if (!unit || start < unit.codeStart || statement.end > unit.end) return false;
  }
  return k === kept.length - 1;
}
