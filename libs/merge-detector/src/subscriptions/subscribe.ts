import { randomUUID } from 'node:crypto';
import { immediateTransaction, sessionById } from '@parallel-cc/core-sessions';
import { mergeDb } from '../db/merge-db';
import type { MergeCoordinator, SubscriptionsTable } from '../db/schema';
import { MergeDetectorError } from '../errors';
import { parseBranch, parseSessionId } from '../inputs';
import { checkMergeStatus } from '../poll/check-merge-status';
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
 * Names are checked before anything runs, then both refs against the repository (`NOT_FOUND` for
 * a branch or target that does not exist); a branch already merged there gets a subscription
 * that is done at once (`notifiedAt` set, not active): there is nothing to wait for. The
 * subscription goes when its session's row does.
 */
export async function subscribe(coordinator: MergeCoordinator, options: SubscribeOptions): Promise<Subscription> {
  const sessionId = parseSessionId(options.sessionId);
  const branch = parseBranch(options.branch, 'branch');
  const requested = options.targetBranch === undefined ? undefined : parseBranch(options.targetBranch, 'target branch');
  const subscriber = await sessionById(coordinator.db, sessionId);
  if (!subscriber) throw new MergeDetectorError('SESSION_NOT_FOUND', `No session with id ${sessionId} is registered.`, { sessionId });
  const target = requested ?? subscriber.base_branch;
  if (target.replace(/^refs\/heads\//, '') === branch.replace(/^refs\/heads\//, '')) {
    throw new MergeDetectorError('INVALID_INPUT', `A branch cannot be merged into itself: give a target other than "${branch}".`, { branch, target });
  }
  const status = await checkMergeStatus(coordinator, { repo: subscriber.repo_path, branch, target });
  return immediateTransaction(coordinator.db, async (trx) => {
    const session = await sessionById(trx, sessionId);
    if (!session) {
      throw new MergeDetectorError('SESSION_NOT_FOUND', `No session with id ${sessionId} is registered.`, { sessionId });
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
    const now = new Date().toISOString();
    const row: SubscriptionsTable = {
      id: randomUUID(),
      session_id: sessionId,
      repo_path: session.repo_path,
      branch_name: branch,
      target_branch: target,
      created_at: now,
      notified_at: status.merged ? now : null,
      active: status.merged ? 0 : 1,
    };
    await db.insertInto('subscriptions').values(row).execute();
    return toSubscription(row);
  });
}
