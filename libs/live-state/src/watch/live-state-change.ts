import type { LiveState } from '../state/live-state';
import type { LiveStateOptions } from '../state/read-options';

/** The parts of a {@link LiveState} that change on their own. */
export type LiveStatePart = 'sessions' | 'matrix' | 'events' | 'sandboxRuns';

/**
 * What changed: `sessions` and `matrix` name their repository (`repo`, a main checkout path; a
 * repository whose last session went is named once more and is then absent from `state`);
 * `events` (the timeline) and `sandboxRuns` are home-wide (`repo` null). `state` is the whole new state.
 */
export interface LiveStateChange {
  part: LiveStatePart;
  repo: string | null;
  state: LiveState;
}

/** Options of `watchLiveState`: what to read, plus how to watch. */
export interface WatchLiveStateOptions extends LiveStateOptions {
  /** How long a burst of file events is gathered before recomputing (default 100 ms). */
  debounceMs?: number;
  /**
   * How often sessions are re-read from the database alone (default 5000 ms): a process that dies
   * writes nothing, so only a re-read sees a session turn stale or idle. No git runs for it.
   */
  livenessMs?: number;
  /** Called with a recompute that failed; watching goes on (default: ignored). */
  onError?: (error: unknown) => void;
}

/** A running watch: the state as last computed, and how to stop. */
export interface LiveStateWatch {
  /** Resolves with the first full state (rejects when it cannot be read: the database cannot be opened, say). */
  ready: Promise<LiveState>;
  /** The state as last computed (null before `ready`). */
  current(): LiveState | null;
  /** Stops watching: closes every file watcher and timer, waits for recomputes in progress, closes the database when it opened it. */
  close(): Promise<void>;
}
