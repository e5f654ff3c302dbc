import type { ConfidenceFactor, FixSuggestion } from '../suggest/fix-suggestion';
import type { AutoFixSuggestionsTable } from './schema';

/** A suggestion as the history holds it: where it was made, when, and whether it was applied. */
export type StoredSuggestion = FixSuggestion & {
  repo: string;
  ours: string;
  theirs: string;
  createdAt: string;
  appliedAt: string | null;
};

/** An `auto_fix_suggestions` row as a {@link StoredSuggestion}. */
export function toStoredSuggestion(row: AutoFixSuggestionsTable): StoredSuggestion {
  return {
    id: row.id,
    path: row.file_path,
    class: row.conflict_class,
    strategy: row.strategy,
    description: row.description,
    content: row.content,
    from: { base: row.base_oid, ours: row.ours_oid, theirs: row.theirs_oid },
    confidence: { score: row.confidence, factors: JSON.parse(row.factors) as ConfidenceFactor[] },
    repo: row.repo_path,
    ours: row.ours_ref,
    theirs: row.theirs_ref,
    createdAt: row.created_at,
    appliedAt: row.applied_at,
  };
}
