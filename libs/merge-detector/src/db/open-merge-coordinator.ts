import { openCoordinator } from '@parallel-cc/core-sessions';
import type { CoreSessionsTables } from '@parallel-cc/core-sessions';
import { mergeDetectorMigrations } from './migrations';
import type { MergeCoordinator, MergeDetectorTables } from './schema';

/** Opens the coordinator database with merge-detector's tables migrated too. */
export function openMergeCoordinator(env?: NodeJS.ProcessEnv): Promise<MergeCoordinator> {
  return openCoordinator<CoreSessionsTables & MergeDetectorTables>({ env, migrations: [mergeDetectorMigrations] });
}
