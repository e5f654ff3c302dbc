import type { MigrationSet } from '@parallel-cc/core-sessions';

/** Every lib's migrations beside core-sessions' own (loaded on demand: only commands that open those tables pay). */
export async function libMigrations(): Promise<MigrationSet[]> {
  const [{ mergeDetectorMigrations }, { conflictEngineMigrations }, { e2bRunnerMigrations }] = await Promise.all([
    import('@parallel-cc/merge-detector'),
    import('@parallel-cc/conflict-engine'),
    import('@parallel-cc/e2b-runner'),
  ]);
  return [mergeDetectorMigrations, conflictEngineMigrations, e2bRunnerMigrations];
}
