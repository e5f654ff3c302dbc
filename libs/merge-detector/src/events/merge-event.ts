import type { MergeEventsTable, MergeHow } from '../db/schema';

/** A branch tip seen integrated into a target branch (JSON-facing, camelCase). */
export interface MergeEvent {
  id: string;
  repoPath: string;
  branch: string;
  /** The branch's tip when it was seen integrated. */
  sourceCommit: string;
  targetBranch: string;
  /** The target's commit that held the branch's work. */
  targetCommit: string;
  how: MergeHow;
  detectedAt: string;
  /** When the merge happened, where known (events imported from the earlier parallel-cc); else null. */
  mergedAt: string | null;
}

/** A `merge_events` row as a {@link MergeEvent}. */
export function toMergeEvent(row: MergeEventsTable): MergeEvent {
  return {
    id: row.id,
    repoPath: row.repo_path,
    branch: row.branch_name,
    sourceCommit: row.source_commit,
    targetBranch: row.target_branch,
    targetCommit: row.target_commit,
    how: row.how,
    detectedAt: row.detected_at,
    mergedAt: row.merged_at ?? null,
  };
}
