// The page's view of the server's JSON: live-state's types (type-only: nothing of the lib is
// bundled into the page) and the change events of `/api/events`.
import type { LiveSandboxRun, LiveSession, LiveState, MatrixCell, RepositoryMatrix, RepositoryState, TimelineEntry } from '@parallel-cc/live-state';

export type { LiveSandboxRun, LiveSession, LiveState, MatrixCell, RepositoryMatrix, RepositoryState, TimelineEntry };

/** One `event: change` of `/api/events`: one part replaced whole (see the README's API section). */
export type StateChange =
  | { part: 'sessions'; repoPath: string; value: Pick<RepositoryState, 'sessions' | 'keptLeftovers'> | null; generatedAt: string }
  | { part: 'matrix'; repoPath: string; value: RepositoryMatrix | null; generatedAt: string }
  | { part: 'timeline'; value: TimelineEntry[]; generatedAt: string }
  | { part: 'sandboxRuns'; value: LiveSandboxRun[]; generatedAt: string };
