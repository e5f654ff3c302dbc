// The public API of @parallel-cc/watch-service: everything exported here is public.
export { runWatcher } from './service/run-watcher';
export type { WatcherOptions } from './service/run-watcher';
export type { WatchLogEntry } from './watch/run-watch-loop';
export { watchOnce } from './watch/watch-once';
export type { WatchOptions, WatchRoundSummary } from './watch/watch-once';
export { readWatcherHealth, isWatcherHealthy } from './service/watcher-health';
export type { WatcherHealth } from './service/watcher-health';
export { WatchServiceError } from './errors';
export type { WatchServiceErrorCode } from './errors';
