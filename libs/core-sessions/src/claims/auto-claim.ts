import { randomUUID } from 'node:crypto';
import type { Coordinator } from '../db/open-database';
import type { SessionsTable } from '../db/schema';
import { immediateTransaction } from '../db/transaction';
import { countingClaims } from './counting-claims';

/** How long an automatic INTENT claim lasts once its session falls quiet (each heartbeat or edit starts it again). */
export const AUTO_CLAIM_TTL_SECONDS = 1800;

/**
 * The INTENT claim a session takes on a file it has just edited, so that other sessions' guards
 * see it before anything is committed. A claim the session holds already is left as it is (an
 * INTENT one is refreshed); none is taken while another session holds the file EXCLUSIVE (the guard
 * has told that holder already). Returns the mode the session holds the file in afterwards, if any.
 */
export async function autoClaim(
  coordinator: Coordinator,
  session: Pick<SessionsTable, 'id' | 'repo_path'>,
  filePath: string,
  now: Date = new Date(),
): Promise<string | null> {
  const expiresAt = new Date(now.getTime() + AUTO_CLAIM_TTL_SECONDS * 1000).toISOString();
  return immediateTransaction(coordinator.db, async (trx) => {
    const claims = await countingClaims(trx, { repoPath: session.repo_path, filePath }, now);
    const own = claims.find((c) => c.session_id === session.id);
    if (own) {
      if (own.mode === 'INTENT') await trx.updateTable('file_claims').set({ expires_at: expiresAt }).where('id', '=', own.id).execute();
      return own.mode;
    }
    if (claims.some((c) => c.mode === 'EXCLUSIVE')) return null;
    await trx
      .insertInto('file_claims')
      .values({
        id: randomUUID(),
        session_id: session.id,
        repo_path: session.repo_path,
        file_path: filePath,
        mode: 'INTENT',
        ttl_seconds: AUTO_CLAIM_TTL_SECONDS,
        claimed_at: now.toISOString(),
        expires_at: expiresAt,
      })
      .execute();
    return 'INTENT';
  });
}
