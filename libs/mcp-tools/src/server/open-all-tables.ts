import type { Coordinator } from '@parallel-cc/core-sessions';

/** Opens the coordinator database with every lib's tables migrated (see `allMigrationSets`). */
export async function openAllTables(env: NodeJS.ProcessEnv): Promise<Coordinator> {
  const [{ openCoordinator }, { allMigrationSets }] = await Promise.all([import('@parallel-cc/core-sessions'), import('../migrations')]);
  return openCoordinator({ env, migrations: allMigrationSets() });
}
