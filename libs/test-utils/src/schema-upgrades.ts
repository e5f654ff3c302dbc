import * as path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { VersionedMigrations } from './database-at-version';
import { earlierVersions } from './database-at-version';
import { makeTempHome } from './temp';

/** How a lib whose tables sit beside core-sessions' opens and updates a database (its own functions, passed in: test-utils depends on no lib). */
export interface SchemaUpgradeSuite {
  /** The lib's migrations. */
  set: VersionedMigrations;
  /** Leaves at `file` core-sessions' tables at their latest and the lib's at `version`, with rows in them. */
  prepare(file: string, version: string | null): Promise<void>;
  /** Opens the database the lib's way (its coordinator), running what is pending. */
  open(env: NodeJS.ProcessEnv): Promise<{ migrated: unknown; raw: BetterSqlite3.Database; close(): Promise<void> }>;
  /** `updateDatabase` with the lib's migrations. */
  update(env: NodeJS.ProcessEnv): Promise<{ migrated: unknown }>;
  /** Checks that `raw` has the lib's latest schema and still holds the rows `prepare` wrote. */
  expectLatest(raw: BetterSqlite3.Database, version: string | null): void;
}

/**
 * The tests that a database at every earlier schema version of a lib upgrades, by opening it and
 * by `updateDatabase`, applying exactly the lib's missing migrations and keeping its rows.
 */
export function itUpgradesEveryEarlierVersion(suite: SchemaUpgradeSuite): void {
  const names = Object.keys(suite.set.migrations).sort();
  const versions = earlierVersions(suite.set);
  const expectedMigrated = (version: string | null) => [
    { lib: 'core-sessions', applied: [] },
    { lib: suite.set.lib, applied: names.slice(version === null ? 0 : names.indexOf(version) + 1) },
  ];
  const prepared = async (label: string) => {
    const version = label === 'none' ? null : label;
    const home = makeTempHome();
    const file = path.join(home.pccHome, 'coordinator.db');
    await suite.prepare(file, version);
    return { version, env: home.env, file };
  };

  it('covers every version before the latest', () => {
    expect(versions).toEqual([null, ...names.slice(0, -1)]);
  });

  it.each(versions.map((v) => [v ?? 'none']))('at %s: opening it migrates to the latest and keeps its rows', async (label) => {
    const { version, env } = await prepared(label);
    const coordinator = await suite.open(env);
    try {
      expect(coordinator.migrated).toEqual(expectedMigrated(version));
      suite.expectLatest(coordinator.raw, version);
    } finally {
      await coordinator.close();
    }
  });

  it.each(versions.map((v) => [v ?? 'none']))('at %s: updateDatabase migrates to the latest and keeps its rows', async (label) => {
    const { version, env, file } = await prepared(label);
    expect((await suite.update(env)).migrated).toEqual(expectedMigrated(version));
    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      suite.expectLatest(raw, version);
    } finally {
      raw.close();
    }
  });
}
