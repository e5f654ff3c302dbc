import { sql } from 'kysely';
import { mergeDb } from '../db/merge-db';
import type { MergeCoordinator } from '../db/schema';
import { parseBranch, parseLimit, parseRepoPath } from '../inputs';
import { storedRepoPath } from '../repo-root';
import { toMergeEvent } from './merge-event';
import type { MergeEvent } from './merge-event';

/** Filters of {@link listMergeEvents}; all optional. */
export interface ListMergeEventsOptions {
  /** Any folder of the repository. */
  repo?: string;
  branch?: string;
  /** At most this many (default 100). */
  limit?: number;
}

/** Recorded merges, newest first. */
export async function listMergeEvents(coordinator: MergeCoordinator, options: ListMergeEventsOptions = {}): Promise<MergeEvent[]> {
  let query = mergeDb(coordinator.db).selectFrom('merge_events').selectAll();
  if (options.repo !== undefined) query = query.where('repo_path', '=', await storedRepoPath(parseRepoPath(options.repo)));
  if (options.branch !== undefined) query = query.where('branch_name', '=', parseBranch(options.branch, 'branch'));
  const rows = await query
    .orderBy('detected_at', 'desc')
    .orderBy(sql`rowid`, 'desc')
    .limit(parseLimit(options.limit ?? 100))
    .execute();
  return rows.map(toMergeEvent);
}
