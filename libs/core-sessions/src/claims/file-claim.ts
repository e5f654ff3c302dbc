import type { FileClaimsTable } from '../db/schema';
import type { ClaimMode } from './claim-mode';

/** A session's claim on one file of its repository. */
export interface FileClaim {
  claimId: string;
  sessionId: string;
  /** The repository's main checkout path (as stored on the session). */
  repoPath: string;
  /** Relative to the repository root, `/`-separated, without `.` or `..`. */
  filePath: string;
  mode: ClaimMode;
  ttlSeconds: number;
  claimedAt: string;
  /** The claim lapses at this time unless a heartbeat of its session moves it on. */
  expiresAt: string;
}

/** The JSON shape of a `file_claims` row. */
export function toFileClaim(row: FileClaimsTable): FileClaim {
  return {
    claimId: row.id,
    sessionId: row.session_id,
    repoPath: row.repo_path,
    filePath: row.file_path,
    mode: row.mode,
    ttlSeconds: row.ttl_seconds,
    claimedAt: row.claimed_at,
    expiresAt: row.expires_at,
  };
}
