/** One conflicted hunk of git's merge: each side's lines (base only with the diff3 style). */
export interface ConflictRegion {
  /** 1-based line of the merged file where the region's `<<<<<<<` marker sits. */
  line: number;
  ours: string;
  /** The merge base's lines; null when git wrote no base section. */
  base: string | null;
  theirs: string;
}

/** A merged file cut into verbatim text and conflict regions, in order. */
export type MergedSegment = string | ConflictRegion;

const OPEN = /^(<{7,})(?: |$)/;

/**
 * Cuts git's merged file (conflict style merge or diff3) into text and regions. Markers are as
 * long as the opening one (7, or more under a `conflict-marker-size` attribute); an unterminated
 * region stays text, so nothing is ever built from half a hunk.
 */
export function parseMerged(merged: string): MergedSegment[] {
  const lines = linesOf(merged);
  const segments: MergedSegment[] = [];
  let text = '';
  let at = 0;
  while (at < lines.length) {
    const line = lines[at] ?? '';
    const open = OPEN.exec(line);
    const region = open ? readRegion(lines, at, open[1]!.length) : null;
    if (!region) {
      text += line;
      at++;
      continue;
    }
    if (text) segments.push(text);
    text = '';
    segments.push(region.region);
    at = region.next;
  }
  if (text) segments.push(text);
  return segments;
}

/** `text`'s lines, each with its line end: `text.split(/(?<=\n)/)`, whose look-behind is tried at every offset. */
function linesOf(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    lines.push(text.slice(start, end + 1));
    start = end + 1;
  }
  if (start < text.length || lines.length === 0) lines.push(text.slice(start));
  return lines;
}

function readRegion(lines: string[], start: number, size: number): { region: ConflictRegion; next: number } | null {
  const marker = (char: string) => new RegExp(`^\\${char}{${size}}(?: |\\r?\\n|$)`);
  const [baseMark, middle, close] = [marker('|'), marker('='), marker('>')];
  const parts: { ours: string[]; base: string[] | null; theirs: string[] } = { ours: [], base: null, theirs: [] };
  let section: 'ours' | 'base' | 'theirs' = 'ours';
  for (let at = start + 1; at < lines.length; at++) {
    const line = lines[at] ?? '';
    if (section === 'ours' && baseMark.test(line)) {
      section = 'base';
      parts.base = [];
    } else if (section !== 'theirs' && middle.test(line)) section = 'theirs';
    else if (section === 'theirs' && close.test(line)) {
      const region = { line: start + 1, ours: parts.ours.join(''), base: parts.base?.join('') ?? null, theirs: parts.theirs.join('') };
      return { region, next: at + 1 };
    } else (section === 'base' ? parts.base! : parts[section]).push(line);
  }
  return null;
}

/** The conflict regions of git's merged file. */
export function conflictRegions(merged: string): ConflictRegion[] {
  return parseMerged(merged).filter((s): s is ConflictRegion => typeof s !== 'string');
}

/** The merged file with every region replaced by `resolve(region)`; null when some region has no resolution. */
export function resolveRegions(merged: string, resolve: (region: ConflictRegion) => string | null): string | null {
  let result = '';
  for (const segment of parseMerged(merged)) {
    const text = typeof segment === 'string' ? segment : resolve(segment);
    if (text === null) return null;
    result += text;
  }
  return result;
}
