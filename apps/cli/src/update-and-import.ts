import type { UpdateReport } from '@parallel-cc/core-sessions';
import type { LegacyMergeImport } from '@parallel-cc/merge-detector';
import type { PccContext } from './context';

/** What `update` (and `install --all`) did to the database. */
export interface UpdateOutcome {
  report: UpdateReport;
  /** The earlier version's merge events imported, when its database was moved aside; else null. */
  mergeEvents: LegacyMergeImport | null;
}

/**
 * Runs every lib's migrations (core-sessions moves an earlier version's database aside first)
 * and imports that database's merge events into merge-detector's table.
 */
export async function updateAndImport(context: PccContext): Promise<UpdateOutcome> {
  const { updateDatabase } = await import('@parallel-cc/core-sessions');
  const { allMigrationSets } = await import('@parallel-cc/mcp-tools/migrations');
  const report = await updateDatabase({ env: context.env, migrations: allMigrationSets() });
  const legacyFile = report.legacyMovedTo;
  if (legacyFile === null) return { report, mergeEvents: null };
  const { importLegacyMergeEvents } = await import('@parallel-cc/merge-detector');
  const { withMergeCoordinator } = await import('./merge-coordinator');
  return { report, mergeEvents: await withMergeCoordinator(context, (c) => importLegacyMergeEvents(legacyFile, c)) };
}
