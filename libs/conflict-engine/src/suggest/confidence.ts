import type { Confidence, ConfidenceFactor, FixStrategy } from './fix-suggestion';

const KIND: Record<FixStrategy, [number, string]> = {
  whitespace: [0.98, 'the sides differ only in formatting'],
  'import-order': [0.97, 'the sides differ only in import order'],
  'take-ours': [0.95, 'theirs only reformatted'],
  'take-theirs': [0.95, 'ours only reformatted'],
  union: [0.85, 'independent additions kept side by side'],
  model: [0.6, 'a concurrent edit merged by a model'],
};

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
      ? { name: 'parse', value: 0.9, note: 'not code: no parser checked the result' }
      : { name: 'parse', value: 1, note: 'the resolved file parses' },
    { name: 'size', value: round(Math.max(0.7, 1 - input.conflictedLines / 1000)), note: `${input.conflictedLines} conflicted line${input.conflictedLines === 1 ? '' : 's'}` },
    { name: 'overlap', value: round(1 - share * 0.3), note: `${Math.round(share * 100)}% of the file is in conflict` },
    input.strategy === 'model'
      ? { name: 'source', value: 0.7, note: 'proposed by a language model: read it before applying' }
      : { name: 'source', value: 1, note: 'made by deterministic rules' },
  ];
  return { score: round(factors.reduce((p, f) => p * f.value, 1)), factors };
}
