import { ConflictEngineError } from '../errors';

/**
 * Runs a database step and turns a failure of the database itself into `HISTORY_FAILED`, saying
 * what was being done (and, for a missing table, how to create it); this lib's own errors pass through.
 */
export async function historyStep<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ConflictEngineError) throw error;
    const cause = error instanceof Error ? error.message : String(error);
    const hint = /no such table/i.test(cause) ? ' Run migrateHistory(db) (or open the coordinator with conflictEngineMigrations) first.' : '';
    throw new ConflictEngineError('HISTORY_FAILED', `Could not ${action} in the conflict history: ${cause}.${hint}`, { action, cause });
  }
}
