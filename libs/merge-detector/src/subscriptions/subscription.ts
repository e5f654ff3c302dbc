import type { SubscriptionsTable } from '../db/schema';

/** A session's wish to hear when a branch reaches a target (JSON-facing, camelCase). */
export interface Subscription {
  id: string;
  sessionId: string;
  repoPath: string;
  branch: string;
  targetBranch: string;
  createdAt: string;
  /** When the merge was announced to the session, or null while it waits. */
  notifiedAt: string | null;
  active: boolean;
}

/** A `subscriptions` row as a {@link Subscription}. */
export function toSubscription(row: SubscriptionsTable): Subscription {
  return {
    id: row.id,
    sessionId: row.session_id,
    repoPath: row.repo_path,
    branch: row.branch_name,
    targetBranch: row.target_branch,
    createdAt: row.created_at,
    notifiedAt: row.notified_at,
    active: row.active === 1,
  };
}
