import type * as TS from 'typescript';
import { blank } from '../classify/focus/blank';
import { innerUnits } from '../classify/focus/inner-units';
import type { InnerUnit } from '../classify/focus/inner-units';
import type { TopLevelUnit } from '../classify/focus/top-level-units';
import { statementsOf } from './statements-of';
import { sourceFile } from './typescript-source';

/** What of a top-level unit to parse: nothing, all of it, or all but the statements inside its blocks that `keepInside` turns down. */
export type UnitChoice = 'skip' | 'whole' | 'outline';

/**
 * `text` parsed with only the parts a reader needs: each top-level unit (a statement with the
 * comments before it) as `choose` says, from its code (`code`); left-out text is blanked, lines
 * and offsets kept, so that lines and positions read from the tree are the whole file's. The
 * whole file is parsed when the light cut into statements is not sure (an unbalanced scan, or the
 * statements parsed are not exactly the units kept).
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
  let blanked = '';
  let dropped = false;
  for (const unit of units) {
    const choice = unit.codeStart === -1 ? 'whole' : choose(unit, text.slice(unit.codeStart, unit.end));
    if (choice === 'skip') {
      blanked += blank(text.slice(unit.start, unit.end));
      dropped = true;
      continue;
    }
    const inside = choice === 'outline' ? innerUnits(text, unit.codeStart, unit.end).filter((inner) => !keepInside(inner)) : [];
    blanked += blankRanges(text, unit.start, unit.end, inside);
    dropped ||= inside.length > 0;
    if (unit.codeStart !== -1) kept.push(unit);
  }
  if (!dropped) return sourceFile(file, text, parents);
  const source = sourceFile(file, blanked, parents);
  // Blanks are trivia: every kept node's text, offsets and lines are the whole file's.
  return alignedWith(source, kept) ? source : sourceFile(file, text, parents);
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
