import type { ApiItem, Arity } from './api-of';

/** A name one side took away from code that used it: removed, renamed, no longer exported, or called with other arguments. */
export interface BreakingChange {
  /** The item at the merge base. */
  before: ApiItem;
  /** What became of it on the side; null when it was removed. */
  after: ApiItem | null;
  change: 'removed' | 'renamed' | 'unexported' | 'arity';
}

/**
 * What one file's changes from `before` (the merge base) to `after` (a side) break for other code:
 * top-level names and members that are gone (a twin of the same kind and shape under a new name
 * is a rename), exports that are no longer exported, and functions and methods whose arity
 * changed. Members of a renamed owner are compared under its new name. Only names `wanted`
 * accepts are reported (classes, interfaces and enums are always looked at: their renames carry
 * their members along).
 */
export function breakingChanges(before: Map<string, ApiItem>, after: Map<string, ApiItem>, wanted: (name: string) => boolean = () => true): BreakingChange[] {
  const topBefore = [...before.values()].filter((i) => i.owner === null);
  const topAfter = [...after.values()].filter((i) => i.owner === null);
  const owners = new Set<ApiItem['kind']>(['class', 'interface', 'enum']);
  const top = compare(topBefore, topAfter, new Map(topAfter.map((i) => [i.key, i])), new Map(), (i) => owners.has(i.kind) || wanted(i.name));
  const ownerNow = new Map(top.filter((b) => b.change === 'renamed').map((b) => [b.before.name, b.after!.name]));
  const membersAfter = [...after.values()].filter((i) => i.owner !== null);
  const byOldKey = new Map(membersAfter.map((i) => [i.key, i]));
  for (const [old, now] of ownerNow) {
    for (const m of membersAfter) if (m.owner === now) byOldKey.set(`${old}.${m.name}`, m);
  }
  const membersBefore = [...before.values()].filter((i) => i.owner !== null && (after.has(i.owner) || ownerNow.has(i.owner)));
  const found = [...top, ...compare(membersBefore, membersAfter, byOldKey, ownerNow, (i) => wanted(i.name))];
  return found.filter((b) => wanted(b.before.name));
}

function compare(
  before: ApiItem[],
  after: ApiItem[],
  afterByOldKey: Map<string, ApiItem>,
  ownerNow: Map<string, string>,
  wanted: (item: ApiItem) => boolean,
): BreakingChange[] {
  const breaks: BreakingChange[] = [];
  const gone: ApiItem[] = [];
  for (const was of before) {
    const now = afterByOldKey.get(was.key);
    if (!now) gone.push(was);
    else if (!wanted(was)) continue;
    else if (was.exported && !now.exported) breaks.push({ before: was, after: now, change: 'unexported' });
    else if (was.arity && now.arity && !sameArity(was.arity, now.arity)) breaks.push({ before: was, after: now, change: 'arity' });
  }
  const beforeKeys = new Set(before.map((i) => i.key));
  const matched = new Set([...afterByOldKey].filter(([old]) => beforeKeys.has(old)).map(([, now]) => now));
  const fresh = after.filter((i) => !matched.has(i));
  const taken = new Set<ApiItem>();
  const ownerOf = (i: ApiItem) => (i.owner === null ? null : (ownerNow.get(i.owner) ?? i.owner));
  const groupOf = (i: ApiItem) => `${i.kind}\0${ownerOf(i) ?? ''}`;
  const freshBy = groupBy(fresh, groupOf);
  const goneBy = groupBy(gone, groupOf);
  for (const was of gone) {
    if (!wanted(was)) continue;
    const group = (freshBy.get(groupOf(was)) ?? []).filter((i) => !taken.has(i));
    const siblings = goneBy.get(groupOf(was)) ?? [];
    // The same code under a new name; or, failing that, the only name of its kind that went and the only one that came.
    const twin = group.find((i) => i.shape === was.shape) ?? (group.length === 1 && siblings.length === 1 ? group[0] : undefined);
    if (twin) {
      taken.add(twin);
      breaks.push({ before: was, after: twin, change: 'renamed' });
    } else {
      breaks.push({ before: was, after: null, change: 'removed' });
    }
  }
  return breaks;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Whether two arities accept the same numbers of arguments. */
export function sameArity(a: Arity, b: Arity): boolean {
  return a.min === b.min && a.max === b.max;
}
