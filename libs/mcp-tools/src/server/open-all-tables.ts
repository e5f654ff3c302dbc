import type { Coordinator } from '@parallel-cc/core-sessions';

/** Opens the coordinator database with every lib's tables migrated (sessions, merges, conflict history). */
export async function openAllTables(env: NodeJS.ProcessEnv): Promise<Coordinator> {
  const [{ openCoordinator }, { mergeDetectorMigrations }, { conflictEngineMigrations }] = await Promise.all([
    import('@parallel-cc/core-sessions'),
    import('@parallel-cc/merge-detector'),
    import('@parallel-cc/conflict-engine'),
  ]);
  return openCoordinator({ env, migrations: [mergeDetectorMigrations, conflictEngineMigrations] });
}
