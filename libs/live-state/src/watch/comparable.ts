import type { RepositoryMatrix } from '../state/live-state';
import type { RepositorySessions } from '../state/read-sessions';

/** A repository's sessions as compared between reads: heartbeat ages move with the clock alone, so they are left out. */
export function sessionsKey(group: RepositorySessions | undefined): string {
  if (!group) return '';
  return JSON.stringify({ ...group, sessions: group.sessions.map((s) => ({ ...s, heartbeatAgeSeconds: 0 })) });
}

/**
 * What of a repository's sessions a conflict matrix depends on: which sessions take part, where,
 * on which branches, and the files they recorded edits to (an edit that is not staged changes no
 * git file, but the edit guard records it).
 */
export function matrixInputKey(group: RepositorySessions | undefined): string {
  if (!group) return '';
  return JSON.stringify(
    group.sessions.map((s) => [s.sessionId, s.state, s.branch, s.baseBranch, s.worktreePath, s.filesInProgress.map((f) => [f.filePath, f.lines, f.updatedAt])]),
  );
}

/** A matrix as compared between computations (its time left out). */
export function matrixKey(matrix: RepositoryMatrix | null | undefined): string {
  if (!matrix) return '';
  return JSON.stringify({ ...matrix, computedAt: '' });
}
