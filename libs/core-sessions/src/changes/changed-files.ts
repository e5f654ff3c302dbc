import type { Kysely } from 'kysely';
import type { CoreSessionsTables } from '../db/schema';

/** A file a session has changed, as JSON shows it. */
export interface ChangedFile {
  /** Relative to the repository root, `/`-separated. */
  filePath: string;
  /** Changed lines of the session's version, e.g. `12-18,40`. */
  lines: string;
  uncommitted: boolean;
  updatedAt: string;
}

/** The files each of `sessionIds` has changed, most recent first, at most `limit` per session (and how many in all). */
export async function changedFilesOf(
  db: Kysely<CoreSessionsTables>,
  sessionIds: string[],
  limit = 50,
): Promise<Map<string, { total: number; files: ChangedFile[] }>> {
  const bySession = new Map<string, { total: number; files: ChangedFile[] }>();
  if (sessionIds.length === 0) return bySession;
  const rows = await db
    .selectFrom('changed_files')
    .select(['session_id', 'file_path', 'ranges', 'uncommitted', 'updated_at'])
    .where('session_id', 'in', sessionIds)
    .orderBy('updated_at', 'desc')
    .execute();
  for (const row of rows) {
    const entry = bySession.get(row.session_id) ?? { total: 0, files: [] };
    entry.total += 1;
    if (entry.files.length < limit) {
      entry.files.push({ filePath: row.file_path, lines: row.ranges, uncommitted: row.uncommitted === 1, updatedAt: row.updated_at });
    }
    bySession.set(row.session_id, entry);
  }
  return bySession;
}
