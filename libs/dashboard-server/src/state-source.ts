/**
 * One change as the event stream sends it (`event: change`): `part` names what it replaces
 * (`sessions` or `matrix` of the repository `repoPath`, or the home-wide `timeline` or
 * `sandboxRuns`), `value` is its new value.
 */
export interface StateChange {
  part: 'sessions' | 'matrix' | 'timeline' | 'sandboxRuns';
  /** The repository's main checkout for `sessions` and `matrix`; absent for home-wide parts. */
  repoPath?: string;
  value: unknown;
  /** When the state this change belongs to was read (ISO-8601 UTC). */
  generatedAt: string;
}

/**
 * Where the server gets what it shows: the whole state on demand, and changes as they happen.
 * `liveStateSource` (over `@parallel-cc/live-state`) is the real one; tests may pass their own.
 */
export interface LiveStateSource {
  /** The whole state, as `GET /api/state` returns it. */
  read(): Promise<unknown>;
  /** Calls `onChange` for every change until the returned handle is closed. */
  watch(onChange: (change: StateChange) => void): { close(): void | Promise<void> };
}
