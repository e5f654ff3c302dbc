import type { Kysely } from 'kysely';
import type { CoreSessionsTables, FileClaimsTable, SessionsTable } from '../db/schema';
import { isSessionAlive } from '../liveness/session-state';

const PRUNE_BATCH = 200;

/** A claim row with what decides whether it still counts: its holder's processes and branch. */
export type HeldClaim = FileClaimsTable & Pick<SessionsTable, 'branch' | 'status' | 'pid' | 'pid_started' | 'agent_pid' | 'agent_started'>;

/** Which claims {@link countingClaims} reads; every given field must match. */
export interface ClaimFilter {
  repoPath?: string;
  sessionId?: string;
  filePath?: string;
}

/**
 * The claims matching `filter` that still count at `now`, ordered by repository, file and age.
 * Expired claims and claims of sessions that are no longer alive never block anyone: they are
 * deleted as they are met (each only if untouched since it was read, so a heartbeat racing this
 * keeps its claim).
 */
export async function countingClaims(db: Kysely<CoreSessionsTables>, filter: ClaimFilter, now: Date): Promise<HeldClaim[]> {
  let query = db
    .selectFrom('file_claims as c')
    .innerJoin('sessions as s', 's.id', 'c.session_id')
    .selectAll('c')
    .select(['s.branch', 's.status', 's.pid', 's.pid_started', 's.agent_pid', 's.agent_started']);
  if (filter.repoPath !== undefined) query = query.where('c.repo_path', '=', filter.repoPath);
  if (filter.sessionId !== undefined) query = query.where('c.session_id', '=', filter.sessionId);
  if (filter.filePath !== undefined) query = query.where('c.file_path', '=', filter.filePath);
  const rows = await query.orderBy('c.repo_path').orderBy('c.file_path').orderBy('c.claimed_at').execute();
  const counts = (row: HeldClaim) => Date.parse(row.expires_at) > now.getTime() && row.status !== 'kept' && isSessionAlive(row);
  const lapsed = rows.filter((row) => !counts(row));
  // In batches: SQLite parses a long OR chain as a deep tree and limits its depth.
  for (let i = 0; i < lapsed.length; i += PRUNE_BATCH) {
    const batch = lapsed.slice(i, i + PRUNE_BATCH);
    await db
      .deleteFrom('file_claims')
      .where((eb) => eb.or(batch.map((row) => eb.and([eb('id', '=', row.id), eb('expires_at', '=', row.expires_at)]))))
      .execute();
  }
  return rows.filter(counts);
}
