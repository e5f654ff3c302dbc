import { sql } from 'kysely';
import { mergeDb } from '../db/merge-db';
import type { MergeCoordinator } from '../db/schema';
import { parseRepoPath, parseSessionId } from '../inputs';
import { storedRepoPath } from '../repo-root';
import { toSubscription } from './subscription';
import type { Subscription } from './subscription';

/** Filters of {@link listSubscriptions}; all optional. */
export interface ListSubscriptionsOptions {
  /** Any folder of the repository. */
  repo?: string;
  sessionId?: string;
  /** Only subscriptions still waiting for their merge. */
  activeOnly?: boolean;
}

/** Subscriptions, oldest first, filtered by repository, session and whether they still wait. */
export async function listSubscriptions(coordinator: MergeCoordinator, options: ListSubscriptionsOptions = {}): Promise<Subscription[]> {
  let query = mergeDb(coordinator.db).selectFrom('subscriptions').selectAll();
  if (options.repo !== undefined) query = query.where('repo_path', '=', await storedRepoPath(parseRepoPath(options.repo)));
  if (options.sessionId !== undefined) query = query.where('session_id', '=', parseSessionId(options.sessionId));
  if (options.activeOnly) query = query.where('active', '=', 1);
  // Subscriptions made in the same millisecond keep the order they were made in (rowid), not their random ids'.
  const rows = await query.orderBy('created_at').orderBy(sql`rowid`).execute();
  return rows.map(toSubscription);
}
