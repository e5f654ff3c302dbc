import type { ConflictEngineTables, HistoryDatabase } from '@parallel-cc/conflict-engine';
import type { Coordinator } from '@parallel-cc/core-sessions';

/**
 * The coordinator's database as conflict-engine's history functions take it: typed by its tables
 * alone (the server opens the coordinator with every lib's migrations, see `allMigrationSets`).
 */
export function historyDatabase(coordinator: Coordinator): HistoryDatabase {
  return coordinator.tables<ConflictEngineTables>();
}
