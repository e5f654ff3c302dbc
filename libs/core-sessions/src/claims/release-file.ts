import type { Coordinator } from '../db/open-database';
import { SessionError } from '../errors';
import { parseInput, SessionIdSchema } from '../sessions/inputs';
import { sessionById } from '../queries/session-by-id';
import { normaliseClaimPath } from './claim-path';
import { toFileClaim } from './file-claim';
import type { FileClaim } from './file-claim';

/** Drops a session's claim on one file (named as for {@link claimFile}); `released` is false when it held none. */
export async function releaseFile(
  coordinator: Coordinator,
  options: { sessionId: string; filePath: string },
): Promise<{ released: boolean; claim: FileClaim | null }> {
  const sessionId = parseInput(SessionIdSchema, options.sessionId, 'session id');
  const session = await sessionById(coordinator.db, sessionId);
  if (!session) {
    throw new SessionError('SESSION_NOT_FOUND', `No session with id ${sessionId} is registered.`, { sessionId });
  }
  const filePath = normaliseClaimPath({ repoRoot: session.repo_path, worktreePath: session.worktree_path, filePath: options.filePath });
  const row = await coordinator.db
    .deleteFrom('file_claims')
    .where('session_id', '=', sessionId)
    .where('file_path', '=', filePath)
    .returningAll()
    .executeTakeFirst();
  return { released: row !== undefined, claim: row ? toFileClaim(row) : null };
}
