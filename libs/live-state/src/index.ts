// The public API of @parallel-cc/live-state: everything exported here is public.
export { readLiveState } from './state/read-live-state';
export type { LiveStateOptions } from './state/read-options';
export type {
  ConflictClass,
  LiveSandboxRun,
  LiveSession,
  LiveState,
  MatrixCell,
  RepositoryMatrix,
  RepositoryState,
  TimelineEntry,
} from './state/live-state';
export { worstClass } from './state/read-matrix';
export { watchLiveState } from './watch/watch-live-state';
export type { LiveStateChange, LiveStatePart, LiveStateWatch, WatchLiveStateOptions } from './watch/live-state-change';
export { LiveStateError } from './errors';
export type { LiveStateErrorCode } from './errors';
