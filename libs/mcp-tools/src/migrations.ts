// The light entry @parallel-cc/mcp-tools/migrations: everything exported here is public. It loads
// no tool and not the MCP SDK, so the CLI imports it without paying for the server.
//
// Its users load this module lazily (open-all-tables, the CLI's commands that open every table),
// so its own imports are static: a bundler then keeps only the migration sets of those libs (not
// e2b-runner's sandbox code and the e2b SDK). The tools load the same libs lazily, which Nx's
// boundary rule sees as a clash; here it is none.
import type { MigrationSet } from '@parallel-cc/core-sessions';
// eslint-disable-next-line @nx/enforce-module-boundaries -- this module is itself loaded lazily (see above)
import { conflictEngineMigrations } from '@parallel-cc/conflict-engine';
import { e2bRunnerMigrations } from '@parallel-cc/e2b-runner';
// eslint-disable-next-line @nx/enforce-module-boundaries -- this module is itself loaded lazily (see above)
import { mergeDetectorMigrations } from '@parallel-cc/merge-detector';

/**
 * Every lib's migration set beside core-sessions' own (which `openCoordinator` always runs
 * first): what "all tables" means, for the CLI and the MCP server alike. A lib that adds tables
 * adds its set here, once.
 */
export function allMigrationSets(): MigrationSet[] {
  return [mergeDetectorMigrations, conflictEngineMigrations, e2bRunnerMigrations];
}
