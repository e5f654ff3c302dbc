import type { CodeAnalysis } from '../classify/analyze-code';
import type { Declaration } from '../classify/declaration';
import type { DeclarationChange } from '../classify/declaration-changes';
import { mergeItems } from './merge-items';

interface Edit {
  at: number;
  end: number;
  text: string;
  order: number;
}

interface Place {
  /** The sibling declarations in ours, and in theirs, of the container the change sits in. */
  ours: Declaration[];
  theirs: Declaration[];
  /** Where a new first member goes: the container's closing brace (top level: the file's end). */
  end: number;
  /** Object literals separate members with commas. */
  commas: boolean;
}

function findPlace(analysis: CodeAnalysis, change: DeclarationChange): Place | null {
  const { ours, theirs } = analysis;
  if (change.container === null) return { ours: ours.declarations, theirs: theirs.declarations, end: ours.text.length, commas: false };
  const owner = ours.declarations.find((d) => d.key === change.container);
  const theirOwner = theirs.declarations.find((d) => d.key === change.container);
  if (!owner || !theirOwner || owner.membersEnd === undefined) return null;
  return { ours: owner.members, theirs: theirOwner.members, end: owner.membersEnd, commas: owner.kind === 'variable' };
}

/** The whitespace theirs put before `d` (the gap after its previous sibling), commas left out. */
function gapBefore(source: string, siblings: Declaration[], d: Declaration): string {
  const i = siblings.indexOf(d);
  const previousEnd = i > 0 ? siblings[i - 1]!.end : null;
  if (previousEnd === null) return '\n';
  const gap = source.slice(previousEnd, d.start).replace(/,/g, '');
  return /\n/.test(gap) ? gap.slice(gap.indexOf('\n')) : gap || '\n';
}

function insertion(analysis: CodeAnalysis, change: DeclarationChange, place: Place, order: number): Edit | null {
  const added = change.after!;
  const theirsIndex = place.theirs.findIndex((d) => d.key === added.key);
  const gap = gapBefore(analysis.theirs.text, place.theirs, added);
  for (let i = theirsIndex - 1; i >= 0; i--) {
    let at = place.ours.findIndex((d) => d.key === place.theirs[i]!.key);
    if (at >= 0) {
      // Ours' own additions right after the anchor stay first: ours, then theirs.
      while (at + 1 < place.ours.length && !place.theirs.some((d) => d.key === place.ours[at + 1]!.key)) at++;
      const anchor = place.ours[at]!;
      const text = place.commas ? `,${gap}${added.text}` : `${gap}${added.text}`;
      return { at: anchor.end, end: anchor.end, text, order };
    }
  }
  const first = place.ours[0];
  if (first) return { at: first.start, end: first.start, text: `${added.text}${place.commas ? ',' : ''}${gap}`, order };
  return { at: place.end, end: place.end, text: `${added.text}\n`, order };
}

/** The end of a removed declaration widened over its separating comma and the rest of its line. */
function removalEnd(source: string, d: Declaration, commas: boolean): number {
  let end = d.end;
  const after = source.slice(end);
  const comma = commas ? /^\s*,/.exec(after) : null;
  if (comma) end += comma[0].length;
  const line = /^[ \t]*\n/.exec(source.slice(end));
  return line ? end + line[0].length : end;
}

function mergedList(ours: Declaration, theirs: Declaration, base: Declaration | null): string {
  const mine = ours.specifiers!;
  const items = mergeItems(base?.specifiers?.items ?? [], mine.items, theirs.specifiers!.items);
  const from = mine.source === null ? '' : ` from ${ours.text.slice(ours.text.lastIndexOf('from') + 4).trim().replace(/;$/, '')}`;
  return `${mine.head}{ ${items.join(', ')} }${from}${ours.text.trimEnd().endsWith(';') ? ';' : ''}`;
}

/**
 * Ours with theirs' declaration-level changes carried over: theirs' new declarations inserted
 * after the sibling that precedes them in theirs (imports with the imports), theirs' edits and
 * removals of declarations ours left alone applied, and import or export lists both sides
 * changed merged item by item. Null when a change has no place to go in ours.
 */
export function unionCode(analysis: CodeAnalysis): string | null {
  const source = analysis.ours.text;
  const oursKeys = new Set(analysis.oursChanges.map((c) => c.key));
  const edits: Edit[] = [];
  let order = 0;
  for (const change of analysis.theirsChanges) {
    const place = findPlace(analysis, change);
    if (!place) return null;
    const inOurs = place.ours.find((d) => d.key === change.localKey);
    if (change.change === 'added') {
      if (inOurs) {
        if (inOurs.code === change.after!.code) continue;
        if (!inOurs.specifiers || !change.after!.specifiers) return null;
        edits.push({ at: inOurs.start, end: inOurs.end, text: mergedList(inOurs, change.after!, null), order: order++ });
        continue;
      }
      const edit = insertion(analysis, change, place, order++);
      if (!edit) return null;
      edits.push(edit);
    } else if (change.change === 'modified') {
      if (!inOurs) return null;
      const text = oursKeys.has(change.key) ? (inOurs.specifiers && change.after!.specifiers ? mergedList(inOurs, change.after!, change.before) : null) : change.after!.text;
      if (text === null) return null;
      edits.push({ at: inOurs.start, end: inOurs.end, text, order: order++ });
    } else {
      if (!inOurs || oursKeys.has(change.key)) {
        if (change.change === 'removed') continue;
        return null;
      }
      if (change.change === 'removed') edits.push({ at: inOurs.start, end: removalEnd(source, inOurs, place.commas), text: '', order: order++ });
      else edits.push({ at: inOurs.start, end: inOurs.end, text: change.after!.text, order: order++ });
    }
  }
  return applyEdits(source, edits);
}

function applyEdits(source: string, edits: Edit[]): string | null {
  const sorted = [...edits].sort((a, b) => b.at - a.at || b.order - a.order);
  let result = source;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) return null;
    result = result.slice(0, edit.at) + edit.text + result.slice(edit.end);
    limit = edit.at;
  }
  return result;
}
