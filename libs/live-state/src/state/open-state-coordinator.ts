import { conflictEngineMigrations } from '@parallel-cc/conflict-engine';
import { openCoordinator } from '@parallel-cc/core-sessions';
import type { Coordinator } from '@parallel-cc/core-sessions';
import { e2bRunnerMigrations } from '@parallel-cc/e2b-runner';
import { mergeDetectorMigrations } from '@parallel-cc/merge-detector';
import { envOf } from './read-options';
import type { LiveStateOptions } from './read-options';

/** Opens the home's coordinator with every table a live screen reads (sessions, merges, conflict history, sandbox runs). */
export function openStateCoordinator(options: Pick<LiveStateOptions, 'env' | 'home'>): Promise<Coordinator> {
  return openCoordinator({ env: envOf(options), migrations: [mergeDetectorMigrations, conflictEngineMigrations, e2bRunnerMigrations] });
}

/** Runs `fn` with the options' coordinator, or with one opened for it and closed afterwards. */
export async function withStateCoordinator<T>(options: LiveStateOptions, fn: (coordinator: Coordinator) => Promise<T>): Promise<T> {
  if (options.coordinator) return fn(options.coordinator);
  const coordinator = await openStateCoordinator(options);
  try {
    return await fn(coordinator);
  } finally {
    await coordinator.close();
  }
}
