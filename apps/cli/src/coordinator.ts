import type { Coordinator } from '@parallel-cc/core-sessions';
import type { PccContext } from './context';

/**
 * Opens the coordinator database for one command and closes it afterwards, whatever happens;
 * `allTables` migrates every lib's tables too (merges, conflict history, sandbox runs: mcp-tools'
 * `allMigrationSets`), not only sessions'.
 */
export async function withCoordinator<T>(
  context: PccContext,
  fn: (coordinator: Coordinator) => Promise<T>,
  options: { allTables?: boolean } = {},
): Promise<T> {
  const { openCoordinator } = await import('@parallel-cc/core-sessions');
  // Loaded only here: `status` and the hooks open core-sessions' tables alone and stay light.
  const migrations = options.allTables ? (await import('@parallel-cc/mcp-tools/migrations')).allMigrationSets() : [];
  const coordinator = await openCoordinator({ env: context.env, migrations });
  try {
    return await fn(coordinator);
  } finally {
    await coordinator.close();
  }
}

/** Writes `value` as one line of JSON to stdout. */
export function writeJson(context: PccContext, value: unknown): void {
  context.stdout.write(`${JSON.stringify(value)}\n`);
}
