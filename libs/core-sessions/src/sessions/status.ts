import * as path from 'node:path';
import type { Coordinator } from '../db/open-database';
import { allSessions, sessionsOfRepo } from './queries';
import { toSessionInfo } from './session-info';
import type { SessionInfo } from './session-info';

/** What `status` reports. */
export interface StatusReport {
  sessions: SessionInfo[];
  totalSessions: number;
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
  return { sessions, totalSessions: sessions.length };
}
