import { openCoordinator } from '@parallel-cc/core-sessions';
import { mergeDetectorMigrations } from './migrations';
import type { MergeCoordinator } from './schema';

/** Opens the coordinator database with merge-detector's tables migrated too. */
export function openMergeCoordinator(env?: NodeJS.ProcessEnv): Promise<MergeCoordinator> {
  return openCoordinator({ env, migrations: [mergeDetectorMigrations] });
}
