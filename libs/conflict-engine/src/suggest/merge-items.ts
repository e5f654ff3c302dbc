/** An import or export item written with its whitespace made irrelevant (`a  as b` is `a as b`). */
export function itemKey(item: string): string {
  return item.replace(/\s+/g, ' ').trim();
}

/**
 * Three-way merge of an import or export list as a set: ours' items in ours' order, less those
 * theirs removed since the base, then the items theirs added, each once. An item one side removed
 * stays removed; an item both sides have stays, once.
 */
export function mergeItems(base: readonly string[], ours: readonly string[], theirs: readonly string[]): string[] {
  const [b, o, t] = [new Set(base.map(itemKey)), new Set(ours.map(itemKey)), new Set(theirs.map(itemKey))];
  const result: string[] = [];
  const seen = new Set<string>();
  for (const item of [...ours, ...theirs]) {
    const key = itemKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    const removed = b.has(key) && (!o.has(key) || !t.has(key));
    if (!removed) result.push(item);
  }
  return result;
}
