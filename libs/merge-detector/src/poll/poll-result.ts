import type { MergeEvent } from '../events/merge-event';

/** What one poll of one repository did. */
export interface PollResult {
  /** The repository's main checkout. */
  repoPath: string;
  /** How many (branch, target) pairs were checked. */
  checked: number;
  /** Merges recorded for the first time by this poll. */
  events: MergeEvent[];
  /** Notifications queued for sessions. */
  notified: number;
  /** What was passed over without failing the poll (a failed fetch, a target that does not exist). */
  warnings: string[];
  /** Set by {@link pollAll} instead of throwing when the repository could not be polled. */
  error?: string;
}

/** Options shared by the polls. */
export interface PollOptions {
  /** Fetch the repository's remote (`origin`, else its first) first, and check remote-tracking targets too. */
  fetch?: boolean;
  /** The environment of the git processes (credentials, SSH); the current one when absent. */
  env?: NodeJS.ProcessEnv;
}
