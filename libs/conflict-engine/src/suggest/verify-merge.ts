import type { ParsedVersion } from '../classify/analyze-code';
import { flattenDeclarations } from '../classify/flatten';
import { itemKey, mergeItems } from './merge-items';

/** A list's items, whitespace made irrelevant, each once, sorted. */
function itemsOf(flat: { specifiers?: { items: string[] } } | undefined): string[] {
  return [...new Set((flat?.specifiers?.items ?? []).map(itemKey))].sort();
}

/**
 * Whether `result` is the three-way merge of the declarations: every declaration one side changed
 * as that side has it, every other one as the base has it, nothing else, and the code outside
 * declarations likewise. Import and export lists both sides changed must hold the union of their
 * items. Returns the first difference, or null when the result is right.
 */
export function mergeMismatch(base: ParsedVersion, ours: ParsedVersion, theirs: ParsedVersion, result: ParsedVersion): string | null {
  const b = flattenDeclarations(base.declarations);
  const o = flattenDeclarations(ours.declarations);
  const t = flattenDeclarations(theirs.declarations);
  const r = flattenDeclarations(result.declarations);
  const keys = new Set([...b.keys(), ...o.keys(), ...t.keys()]);
  for (const key of keys) {
    const [was, mine, their] = [b.get(key), o.get(key), t.get(key)];
    const oursChanged = mine?.flat !== was?.flat;
    const expected = oursChanged ? mine : their;
    const got = r.get(key);
    if (oursChanged && their?.flat !== was?.flat && mine?.specifiers && their?.specifiers) {
      const want = mergeItems(itemsOf(was), itemsOf(mine), itemsOf(their)).sort();
      if (!got || itemsOf(got).join() !== want.join()) return `${key} is not the merge of both sides' items`;
      continue;
    }
    if (!expected && got) return `${key} should be gone`;
    if (expected && !got) return `${key} is missing`;
    if (expected && got && expected.flat !== got.flat) return `${key} is not as ${oursChanged ? 'ours' : 'theirs'} has it`;
  }
  for (const key of r.keys()) if (!keys.has(key)) return `${key} comes from neither side`;
  const rest = ours.rest !== base.rest ? ours.rest : theirs.rest;
  return result.rest === rest ? null : 'the code outside declarations differs';
}
