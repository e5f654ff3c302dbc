// Small helpers for the tools' text summaries: what a model reads of each result.

/** A session id as the summaries show it: its first 8 hex digits, as its branch name does. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** `1 file`, `2 files`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Items joined with `; `, at most `max` of them, then how many more the structured result holds. */
export function listed(items: readonly string[], max = 20): string {
  const shown = items.slice(0, max).join('; ');
  return items.length > max ? `${shown}; … and ${items.length - max} more (all in structuredContent)` : shown;
}
