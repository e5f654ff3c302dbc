import * as path from 'node:path';
import { UsageError } from 'clipanion';
import type { Coordinator, SessionsTable } from '@parallel-cc/core-sessions';
import type { PccContext } from '../../context';

/**
 * The session a `claims` command acts for: `--session-id` (an id or short id), else PARALLEL_CC_SESSION_ID, else the
 * live session whose place contains the current folder. Without one it is a usage error.
 */
export async function callingSession(coordinator: Coordinator, context: PccContext, sessionIdOption: string | undefined): Promise<SessionsTable> {
  const core = await import('@parallel-cc/core-sessions');
  const named = sessionIdOption ?? (context.env.PARALLEL_CC_SESSION_ID || undefined);
  if (named !== undefined) {
    const sessionId = await core.resolveSessionId(coordinator.db, named, { what: sessionIdOption === undefined ? 'PARALLEL_CC_SESSION_ID' : '--session-id' });
    const row = await core.findActiveSession(coordinator.db, { sessionId });
    if (!row) {
      throw new core.SessionError('SESSION_NOT_FOUND', `No live session with id ${sessionId} is registered.`, { sessionId });
    }
    return row;
  }
  const here = await core.findSessionForPath(coordinator.db, context.cwd);
  if (here) return here;
  throw new UsageError(
    `No live session works in ${context.cwd}: name one with --session-id <id>, set PARALLEL_CC_SESSION_ID, or run this inside a session's worktree or main checkout.`,
  );
}

/**
 * A path argument as the lib should see it: relative paths are the user's, relative to the
 * current folder when that lies inside the session's checkout (else to the session's worktree).
 */
export function claimPathArgument(session: Pick<SessionsTable, 'worktree_path' | 'repo_path'>, cwd: string, filePath: string): string {
  if (filePath === '' || path.isAbsolute(filePath)) return filePath;
  const inside = [session.worktree_path, session.repo_path].some((root) => {
    const relative = path.relative(root, cwd);
    return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
  });
  return inside ? path.resolve(cwd, filePath) : filePath;
}
