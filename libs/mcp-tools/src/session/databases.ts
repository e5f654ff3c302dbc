import type { applyStoredSuggestion } from '@parallel-cc/conflict-engine';
import type { Coordinator } from '@parallel-cc/core-sessions';
import type { MergeCoordinator } from '@parallel-cc/merge-detector';

// The context's coordinator is typed by core-sessions' tables, but it is opened with every lib's
// migrations (ToolContext's contract); Kysely's table types do not widen by themselves.

/** conflict-engine's view of a database holding its history tables. */
export type HistoryKysely = Parameters<typeof applyStoredSuggestion>[0];

/** The coordinator as merge-detector's functions type it. */
export function mergeCoordinator(coordinator: Coordinator): MergeCoordinator {
  return coordinator as unknown as MergeCoordinator;
}

/** The coordinator's database as conflict-engine's history functions type it. */
export function historyDatabase(coordinator: Coordinator): HistoryKysely {
  return coordinator.db as unknown as HistoryKysely;
}
