import type * as KyselyModule from 'kysely';

let loaded: typeof KyselyModule | undefined;

/**
 * Kysely's runtime (`sql`, `Migrator`), loaded on first use so that importing this lib stays
 * cheap; whoever passes a database has loaded it already.
 */
export function kyselyRuntime(): typeof KyselyModule {
  loaded ??= require('kysely') as typeof KyselyModule;
  return loaded;
}
