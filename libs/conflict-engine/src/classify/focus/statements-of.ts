import { LruCache } from '../classify/focus/lru-cache';
import { topLevelUnits } from '../classify/focus/top-level-units';
import type { TopLevelUnit } from '../classify/focus/top-level-units';

// The cuts of the texts the semantic check read lately, by text: each version is cut to find the
// statements that differ, then to parse them, and again by later checks of a matrix. Hashing a
// text costs a fraction of cutting it. Eight million characters of texts kept at most.
const cuts = new LruCache<TopLevelUnit[] | null>(8_000_000);

/** {@link topLevelUnits} of a whole file, remembered by its text. */
export function statementsOf(text: string): TopLevelUnit[] | null {
  const known = cuts.get(text);
  if (known !== undefined) return known;
  const units = topLevelUnits(text);
  cuts.set(text, units, text.length + 8 * (units?.length ?? 0));
  return units;
}
