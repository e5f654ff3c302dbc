import type { ConflictEngineTables, HistoryDatabase } from '@parallel-cc/conflict-engine';
import { withCoordinator } from '../../coordinator';
import type { PccContext } from '../../context';

/** Runs `fn` on the coordinator database with every lib's tables, seen through conflict-engine's history tables. */
export function withHistory<T>(context: PccContext, fn: (db: HistoryDatabase) => Promise<T>): Promise<T> {
  return withCoordinator(context, (c) => fn(c.tables<ConflictEngineTables>()), { allTables: true });
}
