// Test helpers shared by every parallel-cc package's tests (private; not published).
export { makeTempDir, removeTempDirs, makeTempHome, gitIdentityEnv } from './temp';
export type { TempHome } from './temp';
export { makeRepo, commitFiles, writeFiles, git } from './repo';
export type { MakeRepoOptions } from './repo';
export { startLiveProcess, deadPid, startTrackedProcess, stopTrackedProcesses } from './processes';
export type { LiveProcess } from './processes';
export { writeFakeGtr } from './fake-gtr';
export type { FakeGtr } from './fake-gtr';
export { earlierVersions, migrateDatabaseTo } from './database-at-version';
export type { VersionedMigrations } from './database-at-version';
export { itUpgradesEveryEarlierVersion } from './schema-upgrades';
export type { SchemaUpgradeSuite } from './schema-upgrades';
export { holdDatabaseLock } from './database-lock';
export type { DatabaseLock } from './database-lock';
export { writeV1Database } from './v1-database';
export type { V1Rows } from './v1-database';
