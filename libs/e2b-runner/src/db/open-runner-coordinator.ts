import { openCoordinator } from '@parallel-cc/core-sessions';
import { e2bRunnerMigrations } from './migrations';
import type { RunnerCoordinator } from './schema';

/** Opens the coordinator database with e2b-runner's table migrated too. */
export function openRunnerCoordinator(env?: NodeJS.ProcessEnv): Promise<RunnerCoordinator> {
  return openCoordinator({ env, migrations: [e2bRunnerMigrations] });
}
