import { openCoordinator } from '@parallel-cc/core-sessions';
import type { CoreSessionsTables } from '@parallel-cc/core-sessions';
import { e2bRunnerMigrations } from './migrations';
import type { E2BRunnerTables, RunnerCoordinator } from './schema';

/** Opens the coordinator database with e2b-runner's table migrated too. */
export function openRunnerCoordinator(env?: NodeJS.ProcessEnv): Promise<RunnerCoordinator> {
  return openCoordinator<CoreSessionsTables & E2BRunnerTables>({ env, migrations: [e2bRunnerMigrations] });
}
