import type { Coordinator } from '../db/open-database';
import { SessionError } from '../errors';
import { parseSelector } from './inputs';
import type { SessionSelector } from './inputs';
import { sessionById } from '../queries/session-by-id';
import { sessionsByPid } from './queries';
import { retireSession } from './retire';
import type { RetireResult } from './retire';

/** Options for {@link releaseSession}. */
export interface ReleaseOptions {
  /** Remove the worktree even if it holds uncommitted or untracked changes. */
  force?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * Releases the session(s) named by PID or session id: hands back the main checkout, or removes
 * the worktree unless it holds work (then it is kept, with the reason).
 */
export async function releaseSession(
  coordinator: Coordinator,
  selector: SessionSelector,
  options: ReleaseOptions = {},
): Promise<RetireResult[]> {
  const which = parseSelector(selector);
  const rows =
    'pid' in which
      ? (await sessionsByPid(coordinator.db, which.pid)).filter((r) => r.status !== 'kept')
      : [await sessionById(coordinator.db, which.sessionId)].filter((r) => r !== undefined);
  if (rows.length === 0) {
    const named = 'pid' in which ? `PID ${which.pid}` : `id ${which.sessionId}`;
    throw new SessionError('SESSION_NOT_FOUND', `No session with ${named} is registered.`, { ...which });
  }
  const results: RetireResult[] = [];
  for (const row of rows) results.push(await retireSession(coordinator, row, options));
  return results;
}
