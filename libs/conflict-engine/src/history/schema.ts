import type { ConflictClass, Severity } from '../classify/classification';
import type { FixStrategy } from '../suggest/fix-suggestion';

/** How a recorded conflict was resolved: by applying a suggestion, or by a person. */
export type ResolutionKind = 'auto-fix' | 'manual';

/** The `conflict_resolutions` table: one row per conflicted file seen in a check, and how it ended. */
export interface ConflictResolutionsTable {
  id: string;
  repo_path: string;
  ours_ref: string;
  theirs_ref: string;
  file_path: string;
  conflict_class: ConflictClass;
  severity: Severity;
  reason: string;
  detected_at: string;
  resolution: ResolutionKind | null;
  strategy: string | null;
  suggestion_id: string | null;
  resolved_at: string | null;
}

/** The `auto_fix_suggestions` table: every suggestion offered, keyed by its content-stable id. */
export interface AutoFixSuggestionsTable {
  id: string;
  repo_path: string;
  ours_ref: string;
  theirs_ref: string;
  file_path: string;
  conflict_class: ConflictClass;
  strategy: FixStrategy;
  description: string;
  content: string;
  base_oid: string | null;
  ours_oid: string | null;
  theirs_oid: string | null;
  confidence: number;
  /** JSON of the suggestion's `ConfidenceFactor[]`. */
  factors: string;
  created_at: string;
  applied_at: string | null;
}

/**
 * conflict-engine's tables; a Kysely database typed by these holds its history. A type alias, not
 * an interface, so that a wider database can hand over a view of them with Kysely's `withTables`.
 */
export type ConflictEngineTables = {
  conflict_resolutions: ConflictResolutionsTable;
  auto_fix_suggestions: AutoFixSuggestionsTable;
};
