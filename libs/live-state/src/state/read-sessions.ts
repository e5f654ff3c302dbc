import { changedFilesOf, listClaims, sessionStatus } from '@parallel-cc/core-sessions';
import type { Coordinator, FileClaim, KeptLeftover } from '@parallel-cc/core-sessions';
import type { LiveSession } from './live-state';

/** The sessions of one repository, with what cleanup kept there. */
export interface RepositorySessions {
  repoPath: string;
  sessions: LiveSession[];
  keptLeftovers: KeptLeftover[];
}

/**
 * Every session of the home (or of `repoRoot`), grouped by repository in the order first seen:
 * `status --json`'s view of each, its heartbeat age, files in progress and claims. Reads the
 * database only (no git).
 */
export async function readSessions(coordinator: Coordinator, options: { repoRoot?: string; now: Date }): Promise<RepositorySessions[]> {
  const { now, repoRoot } = options;
  const status = await sessionStatus(coordinator, { repoRoot, now });
  const changed = await changedFilesOf(coordinator.db, status.sessions.map((s) => s.sessionId));
  const claims = await listClaims(coordinator, { ...(repoRoot ? { repoRoot } : {}), now });
  const claimsOf = new Map<string, FileClaim[]>();
  for (const claim of claims) claimsOf.set(claim.sessionId, [...(claimsOf.get(claim.sessionId) ?? []), claim]);
  const repos = new Map<string, RepositorySessions>();
  const repoOf = (repoPath: string): RepositorySessions => {
    const found = repos.get(repoPath) ?? { repoPath, sessions: [], keptLeftovers: [] };
    repos.set(repoPath, found);
    return found;
  };
  for (const info of status.sessions) {
    const files = changed.get(info.sessionId);
    repoOf(info.repoPath).sessions.push({
      ...info,
      heartbeatAgeSeconds: Math.max(0, Math.floor((now.getTime() - Date.parse(info.lastHeartbeat)) / 1000)),
      filesInProgress: files?.files ?? [],
      filesInProgressTotal: files?.total ?? 0,
      claims: claimsOf.get(info.sessionId) ?? [],
    });
  }
  for (const leftover of status.keptLeftovers) repoOf(leftover.repoPath).keptLeftovers.push(leftover);
  return [...repos.values()];
}
