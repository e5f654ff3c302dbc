import type { Classification, ConflictClass } from './classification';
import { SEVERITY_OF } from './classification';
import { normalizedText } from './normalize';
import type { ConflictRegion } from '../regions';

/** How text rules resolve one region: one side, both in order, or not at all. */
export type RegionVerdict =
  | { class: 'TRIVIAL'; take: 'ours' | 'theirs'; why: string }
  | { class: 'STRUCTURAL'; take: 'both'; why: string }
  | { class: 'CONCURRENT'; take: null; why: string };

const RANK: Record<ConflictClass, number> = { TRIVIAL: 0, STRUCTURAL: 1, CONCURRENT: 2, SEMANTIC: 3 };

/** The text rule that fits one region, judged with whitespace made irrelevant. */
export function judgeRegion(region: ConflictRegion): RegionVerdict {
  const [ours, theirs] = [normalizedText(region.ours), normalizedText(region.theirs)];
  const base = region.base === null ? null : normalizedText(region.base);
  if (ours === theirs) return { class: 'TRIVIAL', take: 'ours', why: 'the sides differ only in whitespace' };
  if (base !== null && ours === base) return { class: 'TRIVIAL', take: 'theirs', why: 'only theirs changed it (ours reformatted)' };
  if (base !== null && theirs === base) return { class: 'TRIVIAL', take: 'ours', why: 'only ours changed it (theirs reformatted)' };
  if (base === '') return { class: 'STRUCTURAL', take: 'both', why: 'both sides only add lines at the same place' };
  return { class: 'CONCURRENT', take: null, why: 'both sides change the same lines' };
}

/** The most severe class of a list (TRIVIAL for an empty one). */
export function worstClass(classes: ConflictClass[]): ConflictClass {
  return classes.reduce<ConflictClass>((worst, c) => (RANK[c] > RANK[worst] ? c : worst), 'TRIVIAL');
}

/** Text rules for a file: the worst region decides, and the reason points at its line. */
export function classifyText(regions: ConflictRegion[], fallback?: Classification['parseFailure']): Classification {
  const note = fallback ? ` (text rules: ${fallback.side} does not parse)` : '';
  if (regions.length === 0) {
    return {
      class: 'CONCURRENT',
      severity: SEVERITY_OF.CONCURRENT,
      declarations: [],
      reason: `git wrote no conflict regions to compare${note}; choose one version of the file`,
      analysis: 'text',
      ...(fallback ? { parseFailure: fallback } : {}),
    };
  }
  const verdicts = regions.map(judgeRegion);
  const cls = worstClass(verdicts.map((v) => v.class));
  const worst = verdicts.findIndex((v) => v.class === cls);
  const where = regions.length === 1 ? `at line ${regions[0]!.line}` : `in ${regions.length} regions (first such at line ${regions[worst]!.line})`;
  return {
    class: cls,
    severity: SEVERITY_OF[cls],
    declarations: [],
    reason: `${verdicts[worst]!.why} ${where}${note}`,
    analysis: 'text',
    ...(fallback ? { parseFailure: fallback } : {}),
  };
}
