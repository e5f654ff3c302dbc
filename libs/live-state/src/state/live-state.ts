import type { ChangedFile, FileClaim, KeptLeftover, NotificationRecord, SessionInfo } from '@parallel-cc/core-sessions';
import type { SandboxRun } from '@parallel-cc/e2b-runner';
import type { MergeEvent, SessionConflict, SessionConflictPreview, SessionPairCheck } from '@parallel-cc/merge-detector';

/** conflict-engine's class of a conflict (TRIVIAL, STRUCTURAL, CONCURRENT, SEMANTIC), as merge-detector's preview carries it. */
export type ConflictClass = NonNullable<SessionConflict['classification']>['class'];

/** A session as a live screen shows it: `status --json`'s fields, plus its files in progress and claims. */
export interface LiveSession extends SessionInfo {
  /** Whole seconds since its last heartbeat, at the state's `generatedAt`. */
  heartbeatAgeSeconds: number;
  /** The files it changed (issue 18's edit records), most recent first, at most 50. */
  filesInProgress: ChangedFile[];
  /** How many files it changed in all (may exceed `filesInProgress.length`). */
  filesInProgressTotal: number;
  /** Its claims that count now. */
  claims: FileClaim[];
}

/**
 * One cell of the conflict matrix: merge-detector's pair check (`ours`, `theirs`, their refs and
 * sessions, `status`, the classified `conflicts` with files, declarations and regions), plus what a
 * grid colours a cell by.
 */
export interface MatrixCell extends SessionPairCheck {
  /** The most severe class among its conflicts (SEMANTIC > CONCURRENT > STRUCTURAL > TRIVIAL); null when none is classified. */
  worst: ConflictClass | null;
  /** `committed` when a conflict comes from committed work, `uncommitted` when they all come from work in progress; null when clean. */
  source: 'committed' | 'uncommitted' | null;
}

/** The conflict matrix of one repository: merge-detector's preview with its checks as {@link MatrixCell}s. */
export interface RepositoryMatrix extends Omit<SessionConflictPreview, 'checks'> {
  checks: MatrixCell[];
  /** When it was computed (ISO-8601 UTC). */
  computedAt: string;
  /** Why the preview could not run (the repository was moved, say); null when it ran. */
  error: string | null;
}

/** One repository of the home: its sessions, what cleanup kept, and its conflict matrix. */
export interface RepositoryState {
  /** The main checkout's path, as sessions store it. */
  repoPath: string;
  sessions: LiveSession[];
  keptLeftovers: KeptLeftover[];
  /** Null when it has no live, idle or kept session to compare. */
  matrix: RepositoryMatrix | null;
}

/** A merge or a notification, on one timeline. */
export type TimelineEntry =
  | { type: 'merge'; at: string; repoPath: string; merge: MergeEvent }
  | { type: 'notification'; at: string; repoPath: string; notification: NotificationRecord };

/** A sandbox run (e2b-runner's JSON), whether its runner still runs, and the end of its log. */
export interface LiveSandboxRun extends SandboxRun {
  alive: boolean;
  /** The last bytes of its log file (empty when there is none yet). */
  logTail: string;
}

/** Everything a live screen shows for one `PARALLEL_CC_HOME`. */
export interface LiveState {
  /** The coordinator database read. */
  database: string;
  generatedAt: string;
  repositories: RepositoryState[];
  /** Merges and notifications, newest first, at most `timelineLimit`. */
  timeline: TimelineEntry[];
  /** Oldest first. */
  sandboxRuns: LiveSandboxRun[];
}

