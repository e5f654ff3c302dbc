import { topLevelUnits } from '../classify/focus/top-level-units';
import type { TopLevelUnit } from '../classify/focus/top-level-units';

// The last few files cut: the semantic check cuts each version it compares, then parses it.
const RECENT = 8;
const recent = new Map<string, TopLevelUnit[] | null>();

/** {@link topLevelUnits} of a whole file, remembered for the last few files asked (a string keeps its hash: a repeated lookup costs little). */
export function statementsOf(text: string): TopLevelUnit[] | null {
  const known = recent.get(text);
  if (known !== undefined) return known;
  const units = topLevelUnits(text);
  if (recent.size >= RECENT) recent.delete(recent.keys().next().value!);
  recent.set(text, units);
  return units;
}
