import { recentNotifications } from '@parallel-cc/core-sessions';
import type { Coordinator } from '@parallel-cc/core-sessions';
import { listMergeEvents } from '@parallel-cc/merge-detector';
import type { TimelineEntry } from './live-state';

/** The newest merges and notifications of the home (or of `repoRoot`), newest first, at most `limit` in all. */
export async function readTimeline(coordinator: Coordinator, options: { repoRoot?: string; limit: number }): Promise<TimelineEntry[]> {
  const { repoRoot, limit } = options;
  const merges = await listMergeEvents(coordinator, { ...(repoRoot ? { repo: repoRoot } : {}), limit });
  const notices = await recentNotifications(coordinator, { ...(repoRoot ? { repoRoot } : {}), limit });
  const entries: TimelineEntry[] = [
    ...merges.map((merge) => ({ type: 'merge' as const, at: merge.detectedAt, repoPath: merge.repoPath, merge })),
    ...notices.map((notification) => ({ type: 'notification' as const, at: notification.createdAt, repoPath: notification.repoPath, notification })),
  ];
  // ISO-8601 UTC text sorts as time does; the sort is stable, so equal times keep each list's order.
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
}
