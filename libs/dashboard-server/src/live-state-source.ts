import { watchLiveState } from '@parallel-cc/live-state';
import type { LiveState, LiveStateChange, WatchLiveStateOptions } from '@parallel-cc/live-state';
import type { LiveStateSource, StateChange } from './state-source';

/** A change of live-state as the event stream sends it: only the part that changed, never the whole state. */
export function toStateChange(change: LiveStateChange): StateChange {
  const { state } = change;
  const generatedAt = state.generatedAt;
  if (change.part === 'events') return { part: 'timeline', value: state.timeline, generatedAt };
  if (change.part === 'sandboxRuns') return { part: 'sandboxRuns', value: state.sandboxRuns, generatedAt };
  const repoPath = change.repo ?? '';
  const repo = state.repositories.find((r) => r.repoPath === repoPath);
  if (change.part === 'matrix') return { part: 'matrix', repoPath, value: repo?.matrix ?? null, generatedAt };
  return { part: 'sessions', repoPath, value: repo ? { sessions: repo.sessions, keptLeftovers: repo.keptLeftovers } : null, generatedAt };
}

/**
 * The live state of one home as a {@link LiveStateSource}: one `watchLiveState` for the server's
 * life (started at once), whose current state answers `read()` (no recompute per request) and
 * whose changes go to every `watch` listener. `close()` stops it.
 */
export function liveStateSource(options: WatchLiveStateOptions): LiveStateSource & { close(): Promise<void> } {
  const listeners = new Set<(change: StateChange) => void>();
  const watch = watchLiveState(options, (change) => {
    const message = toStateChange(change);
    for (const listener of listeners) listener(message);
  });
  return {
    async read(): Promise<LiveState> {
      const first = await watch.ready;
      return watch.current() ?? first;
    },
    watch(onChange) {
      listeners.add(onChange);
      return { close: () => void listeners.delete(onChange) };
    },
    close: () => watch.close(),
  };
}
