import { openCoordinator } from '@parallel-cc/core-sessions';
import type { Coordinator } from '@parallel-cc/core-sessions';
import { allMigrationSets } from '@parallel-cc/mcp-tools/migrations';
import { envOf } from './read-options';
import type { LiveStateOptions } from './read-options';

/** Opens the home's coordinator with every lib's tables (the one list: mcp-tools' light `migrations` entry, no MCP SDK). */
export function openStateCoordinator(options: Pick<LiveStateOptions, 'env' | 'home'>): Promise<Coordinator> {
  return openCoordinator({ env: envOf(options), migrations: allMigrationSets() });
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
