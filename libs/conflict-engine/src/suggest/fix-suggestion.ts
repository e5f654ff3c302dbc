import type { ConflictClass } from '../classify/classification';

/** How a suggestion resolves a file. */
export type FixStrategy =
  | 'whitespace' // the sides differ only in whitespace or formatting: one of them, taken whole
  | 'import-order' // the sides differ only in the order of their imports
  | 'take-ours' // theirs only reformatted: ours carries every real change
  | 'take-theirs' // ours only reformatted: theirs carries every real change
  | 'union' // both sides only added: both additions kept, imports merged and de-duplicated
  | 'model'; // proposed by a language model for a CONCURRENT conflict

/** One explicit factor of a confidence score: its value in [0, 1] and why. */
export interface ConfidenceFactor {
  name: 'kind' | 'parse' | 'size' | 'overlap' | 'source';
  value: number;
  note: string;
}

/** A score in [0, 1] (the product of its factors) and the factors it came from. */
export interface Confidence {
  score: number;
  factors: ConfidenceFactor[];
}

/** A whole-file resolution of one conflicted file, checked before it is offered. */
export interface FixSuggestion {
  /** Stable for the same merge (repository and refs), file versions, strategy and content: 12 hex digits. */
  id: string;
  path: string;
  class: ConflictClass;
  strategy: FixStrategy;
  /** One line: what the suggestion keeps and drops. */
  description: string;
  /** The whole resolved file. */
  content: string;
  /**
   * The blob ids the suggestion was computed from. `ours` is what the file must still hold for
   * the suggestion to be applied (null: the file did not exist on that side).
   */
  from: { base: string | null; ours: string | null; theirs: string | null };
  confidence: Confidence;
}

/** A conflicted file with no safe automatic fix: why, and the two versions to choose between. */
export interface UnresolvedConflict {
  path: string;
  class: ConflictClass;
  reason: string;
  ours: string | null;
  theirs: string | null;
}

/** What {@link suggestFixes} found for a set of conflicted files. */
export interface SuggestionsReport {
  suggestions: FixSuggestion[];
  unresolved: UnresolvedConflict[];
}
