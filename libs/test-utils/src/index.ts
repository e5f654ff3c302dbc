// Test helpers shared by every parallel-cc package's tests (private; not published).
export { makeTempDir, removeTempDirs, makeTempHome, gitIdentityEnv } from './temp';
export type { TempHome } from './temp';
export { makeRepo, commitFiles, writeFiles, git } from './repo';
export type { MakeRepoOptions } from './repo';
export { startLiveProcess, deadPid, startTrackedProcess, stopTrackedProcesses } from './processes';
export type { LiveProcess } from './processes';
export { writeFakeGtr } from './fake-gtr';
export type { FakeGtr } from './fake-gtr';
