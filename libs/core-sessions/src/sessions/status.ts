import * as path from 'node:path';
import type { Coordinator } from '../db/open-database';
import { listKeptLeftovers } from './kept-leftovers';
import type { KeptLeftover } from './kept-leftovers';
import { allSessions, sessionsOfRepo } from './queries';
import { toSessionInfo } from './session-info';
import type { SessionInfo } from './session-info';

/** What `status` reports. */
export interface StatusReport {
  sessions: SessionInfo[];
  totalSessions: number;
  /** What cleanup kept on purpose that no session owns: session branches with unmerged commits, worktrees holding work. */
  keptLeftovers: KeptLeftover[];
}

/**
 * Lists sessions with their state; `repoRoot` (a main checkout path, as `resolveRepository`
 * returns it) limits the list to one repository. Reads only: no git, no cleanup.
 */
export async function sessionStatus(coordinator: Coordinator, options: { repoRoot?: string; now?: Date } = {}): Promise<StatusReport> {
  const rows = options.repoRoot
    ? await sessionsOfRepo(coordinator.db, path.resolve(options.repoRoot))
    : await allSessions(coordinator.db);
  const sessions = rows.map((row) => toSessionInfo(row, options.now));
  const keptLeftovers = await listKeptLeftovers(coordinator.db, options.repoRoot ? path.resolve(options.repoRoot) : undefined);
  return { sessions, totalSessions: sessions.length, keptLeftovers };
}
