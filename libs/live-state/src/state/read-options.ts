import type { Coordinator } from '@parallel-cc/core-sessions';

/** What {@link readLiveState} and `watchLiveState` read, and from where. */
export interface LiveStateOptions {
  /** The environment (`PARALLEL_CC_HOME`); default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** A `PARALLEL_CC_HOME` to read instead of the environment's. */
  home?: string;
  /** An open coordinator (opened with every lib's migrations) to read through; it is left open. Default: one opened for the call. */
  coordinator?: Coordinator;
  /** Only this repository (its main checkout, as `resolveRepository` returns it); default: every repository of the home. */
  repoRoot?: string;
  /** The newest merges and notifications kept on the timeline (default 1000, at most 10,000). */
  timelineLimit?: number;
  /** How much of each sandbox run's log to keep (default 4096 bytes). */
  logTailBytes?: number;
  /** Leave out the conflict matrices (they run git; the rest reads the database only). */
  matrix?: boolean;
}

/** The environment the options name. */
export function envOf(options: Pick<LiveStateOptions, 'env' | 'home'>): NodeJS.ProcessEnv {
  const env = options.env ?? process.env;
  return options.home === undefined ? env : { ...env, PARALLEL_CC_HOME: options.home };
}
