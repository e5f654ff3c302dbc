/** A run of lines, first to last, counted from 1. */
export type LineRange = [number, number];

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/**
 * The lines of the new version that a `git diff -U0` changed, merged and sorted. A hunk that only
 * deletes is placed at the line it follows (at least line 1), so that deletions count as changes too.
 */
export function diffLineRanges(diff: string): LineRange[] {
  const ranges: LineRange[] = [];
  for (const line of diff.split('\n')) {
    const hunk = HUNK.exec(line);
    if (!hunk) continue;
    const start = Math.max(Number(hunk[1]), 1);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    ranges.push([start, count === 0 ? start : start + count - 1]);
  }
  return mergeLineRanges(ranges);
}

/** Sorted ranges, overlapping and touching ones merged. */
export function mergeLineRanges(ranges: LineRange[]): LineRange[] {
  const merged: LineRange[] = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** `12-18,40` for [[12, 18], [40, 40]]: how ranges are stored. */
export function formatLineRanges(ranges: LineRange[]): string {
  return ranges.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(',');
}

/** The ranges of a stored `12-18,40`; pieces that are not ranges are skipped. */
export function parseLineRanges(text: string): LineRange[] {
  const ranges: LineRange[] = [];
  for (const piece of text.split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(piece.trim());
    if (match) ranges.push([Number(match[1]), Number(match[2] ?? match[1])]);
  }
  return ranges;
}

/** `lines 12-18, 40` for people; at most `max` ranges, then how many more. */
export function describeLineRanges(text: string, max = 8): string {
  const ranges = parseLineRanges(text);
  if (ranges.length === 0) return 'lines not known';
  const shown = ranges.slice(0, max).map(([a, b]) => (a === b ? String(a) : `${a}-${b}`));
  const more = ranges.length > max ? ` and ${ranges.length - max} more` : '';
  const single = ranges.length === 1 && ranges[0]![0] === ranges[0]![1];
  return `${single ? 'line' : 'lines'} ${shown.join(', ')}${more}`;
}
