import { mergeDb } from '../db/merge-db';
import type { MergeCoordinator } from '../db/schema';
import { parseBranch, parseSessionId } from '../inputs';

/** Removes a session's subscriptions to `branch` (every target, waiting or done); returns how many went. */
export async function unsubscribe(coordinator: MergeCoordinator, options: { sessionId: string; branch: string }): Promise<number> {
  const sessionId = parseSessionId(options.sessionId);
  const branch = parseBranch(options.branch, 'branch');
  const result = await mergeDb(coordinator.db)
    .deleteFrom('subscriptions')
    .where('session_id', '=', sessionId)
    .where('branch_name', '=', branch)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
