import type { Confidence, ConfidenceFactor, FixStrategy } from './fix-suggestion';

// Calibrated on real merges (tools/conflict-corpus; the table is in the README): a strategy's
// factor is about the share of its fixes that matched the person's resolution, so that a fix
// rated 0.8 or more matches at least 80% of the time. Strategies the corpus never offered keep
// their prior, which rests on the fix being one side taken whole.
const KIND: Record<FixStrategy, [number, string]> = {
  whitespace: [0.98, 'the sides differ only in formatting (1 of 1 matched on the corpus)'],
  'import-order': [0.97, 'the sides differ only in import order'],
  'take-ours': [0.95, 'theirs only reformatted'],
  'take-theirs': [0.95, 'ours only reformatted'],
  union: [0.45, "independent additions kept side by side (7 of 14 code fixes matched people's on the corpus)"],
  model: [0.3, 'a concurrent edit merged by a model'],
};

/** Text rules on a file no parser checks: 0 of 10 such unions matched people's on the corpus (changelogs, workflows). */
const NOT_CODE = 0.5;

/** What a confidence score is computed from. */
export interface ConfidenceInput {
  strategy: FixStrategy;
  /** true: the result parses; null: not code, nothing to parse it with. */
  parses: boolean | null;
  /** Lines inside git's conflict regions (both sides). */
  conflictedLines: number;
  /** Lines of the resolved file. */
  totalLines: number;
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * A suggestion's confidence: the product of explicit factors — the kind of resolution, whether
 * the result parses, how many lines conflicted, and how much of the file the conflict covers,
 * and whether rules or a model made it.
 */
export function scoreConfidence(input: ConfidenceInput): Confidence {
  const [kind, kindNote] = KIND[input.strategy];
  const share = input.totalLines === 0 ? 0 : Math.min(1, input.conflictedLines / input.totalLines);
  const factors: ConfidenceFactor[] = [
    { name: 'kind', value: kind, note: kindNote },
    input.parses === null
      ? { name: 'parse', value: NOT_CODE, note: 'not code: no parser checked the result, and people often merge such files by hand' }
      : { name: 'parse', value: 1, note: 'the resolved file parses' },
    { name: 'size', value: round(Math.max(0.7, 1 - input.conflictedLines / 1000)), note: `${input.conflictedLines} conflicted line${input.conflictedLines === 1 ? '' : 's'}` },
    { name: 'overlap', value: round(1 - share * 0.3), note: `${Math.round(share * 100)}% of the file is in conflict` },
    input.strategy === 'model'
      ? { name: 'source', value: 0.7, note: 'proposed by a language model: read it before applying' }
      : { name: 'source', value: 1, note: 'made by deterministic rules' },
  ];
  return { score: round(factors.reduce((p, f) => p * f.value, 1)), factors };
}
