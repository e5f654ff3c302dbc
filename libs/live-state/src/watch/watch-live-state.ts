import { checkLimits } from '../state/limits';
import { openStateCoordinator } from '../state/open-state-coordinator';
import type { LiveState } from '../state/live-state';
import type { LiveStateChange, LiveStateWatch, WatchLiveStateOptions } from './live-state-change';
import { LiveStateWatcher } from './live-state-watcher';

/**
 * Watches one `PARALLEL_CC_HOME` and calls `onChange` with each part that changed, without polling
 * the whole state: the database folder (WAL writes) re-reads sessions, timeline and runs; each
 * repository's git dir (refs, HEAD, reflog, worktrees' HEAD and index) recomputes that
 * repository's conflict matrix only; file events are gathered for `debounceMs`. Sessions are also
 * re-read every `livenessMs` from the database alone (a dead process writes nothing). The first
 * state is read before any change is announced (`ready`).
 */
export function watchLiveState(options: WatchLiveStateOptions, onChange: (change: LiveStateChange) => void): LiveStateWatch {
  const limits = checkLimits(options);
  let watcher: LiveStateWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  const owned = options.coordinator === undefined;
  const opening = options.coordinator ? Promise.resolve(options.coordinator) : openStateCoordinator(options);
  const ready: Promise<LiveState> = opening.then((coordinator) => {
    watcher = new LiveStateWatcher({
      coordinator,
      repoRoot: options.repoRoot,
      limits,
      withMatrix: options.matrix !== false,
      debounceMs: options.debounceMs ?? 100,
      onChange,
      onError: options.onError ?? (() => undefined),
    });
    const started = watcher.start();
    timer = setInterval(() => watcher?.recheckSessions(), options.livenessMs ?? 5000);
    return started;
  });
  // A failure is the caller's through `ready`; close() must not throw it again.
  const settled = ready.then(
    () => undefined,
    () => undefined,
  );
  return {
    ready,
    current: () => watcher?.state() ?? null,
    async close() {
      await settled;
      if (timer) clearInterval(timer);
      await watcher?.close();
      if (owned) await (await opening.catch(() => null))?.close();
    },
  };
}
