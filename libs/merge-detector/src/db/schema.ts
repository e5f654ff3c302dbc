import type { Coordinator } from '@parallel-cc/core-sessions';

/** How a branch's work reached its target, as worktree-gtr's `integratedBranches` tells. */
export type MergeHow = 'ancestor' | 'squash' | 'rebase';

/** The `merge_events` table: one row per branch tip seen integrated into a target. */
export interface MergeEventsTable {
  id: string;
  repo_path: string;
  branch_name: string;
  source_commit: string;
  target_branch: string;
  target_commit: string;
  how: MergeHow;
  detected_at: string;
  /** When the merge happened, where known (events imported from the earlier parallel-cc); else null. */
  merged_at: string | null;
}

/** The `subscriptions` table: a session waiting to hear that a branch reached a target. */
export interface SubscriptionsTable {
  id: string;
  session_id: string;
  repo_path: string;
  branch_name: string;
  target_branch: string;
  created_at: string;
  notified_at: string | null;
  /** 1 until the merge was announced (or the subscription was withdrawn). */
  active: number;
}

/** merge-detector's tables (a type alias, as Kysely's `withTables` needs). */
export type MergeDetectorTables = {
  merge_events: MergeEventsTable;
  subscriptions: SubscriptionsTable;
};

/**
 * A coordinator opened with merge-detector's migrations (see `openMergeCoordinator`). It is typed
 * as core-sessions types it, so that it goes to core-sessions' functions as it is; merge-detector
 * reaches its own tables through `mergeDb`.
 */
export type MergeCoordinator = Coordinator;
