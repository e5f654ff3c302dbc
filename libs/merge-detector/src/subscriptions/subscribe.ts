import { randomUUID } from 'node:crypto';
import { immediateTransaction, sessionById } from '@parallel-cc/core-sessions';
import { mergeDb } from '../db/merge-db';
import type { MergeCoordinator, SubscriptionsTable } from '../db/schema';
import { MergeDetectorError } from '../errors';
import { parseBranch, parseSessionId } from '../inputs';
import { toSubscription } from './subscription';
import type { Subscription } from './subscription';

/** What {@link subscribe} needs: who waits, for which branch, and where it should land. */
export interface SubscribeOptions {
  sessionId: string;
  branch: string;
  /** The branch it should be merged into; the session's base branch when absent. */
  targetBranch?: string;
}

/**
 * Subscribes a session to hear (once, as a `merge` notification) when `branch` is integrated into
 * the target. Subscribing again to the same branch and target returns the waiting subscription.
 * Names are checked before anything runs; the subscription goes when its session's row does.
 */
export async function subscribe(coordinator: MergeCoordinator, options: SubscribeOptions): Promise<Subscription> {
  const sessionId = parseSessionId(options.sessionId);
  const branch = parseBranch(options.branch, 'branch');
  const requested = options.targetBranch === undefined ? undefined : parseBranch(options.targetBranch, 'target branch');
  return immediateTransaction(coordinator.db, async (trx) => {
    const session = await sessionById(trx, sessionId);
    if (!session) {
      throw new MergeDetectorError('SESSION_NOT_FOUND', `No session with id ${sessionId} is registered.`, { sessionId });
    }
    const target = requested ?? session.base_branch;
    if (target === branch) {
      throw new MergeDetectorError('INVALID_INPUT', `A branch cannot be merged into itself: give a target other than "${branch}".`, {
        branch,
        target,
      });
    }
    const db = mergeDb(trx);
    const waiting = await db
      .selectFrom('subscriptions')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('branch_name', '=', branch)
      .where('target_branch', '=', target)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (waiting) return toSubscription(waiting);
    const row: SubscriptionsTable = {
      id: randomUUID(),
      session_id: sessionId,
      repo_path: session.repo_path,
      branch_name: branch,
      target_branch: target,
      created_at: new Date().toISOString(),
      notified_at: null,
      active: 1,
    };
    await db.insertInto('subscriptions').values(row).execute();
    return toSubscription(row);
  });
}
