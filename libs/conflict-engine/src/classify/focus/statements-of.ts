import { LruCache } from './lru-cache';
import { topLevelUnits } from './top-level-units';
import type { TopLevelUnit } from './top-level-units';

// The cuts of the texts read lately, by text: classification cuts the three versions of a
// conflicted file, the semantic check each version it compares (to find the statements that
// differ, then to parse them), and later checks of a matrix the same blobs again. Hashing a text
// costs a fraction of cutting it. Eight million characters of texts kept at most.
const cuts = new LruCache<TopLevelUnit[] | null>(8_000_000);

/** {@link topLevelUnits} of a whole file, remembered by its text. */
export function statementsOf(text: string): TopLevelUnit[] | null {
  const known = cuts.get(text);
  if (known !== undefined) return known;
  const units = topLevelUnits(text);
  cuts.set(text, units, text.length + 8 * (units?.length ?? 0));
  return units;
}
