import { randomUUID } from 'node:crypto';
import { addNotification, immediateTransaction } from '@parallel-cc/core-sessions';
import { asCore } from '../db/schema';
import type { MergeCoordinator, MergeEventsTable } from '../db/schema';
import { holdsWork } from '../holds-work';
import type { Verdict } from '../poll/find-merges';
import { toMergeEvent } from './merge-event';
import type { MergeEvent } from './merge-event';
import { mergeNotices } from './merge-notices';
import { shortRef } from './notification-texts';

/** The events a poll recorded for the first time and how many notifications they queued. */
export interface Recorded {
  events: MergeEvent[];
  notified: number;
}

/**
 * Records each verdict as a merge event unless that tip was already recorded for that target
 * (`insert … on conflict do nothing`), and, for each new one, notifies the branch's own session,
 * the subscribers (once: the subscription is then done) and the other live sessions on that base
 * (see {@link mergeNotices}). One immediate transaction: two pollers racing over the same merge
 * cannot both announce it.
 */
export async function recordMerges(coordinator: MergeCoordinator, repoPath: string, verdicts: Verdict[]): Promise<Recorded> {
  if (verdicts.length === 0) return { events: [], notified: 0 };
  return immediateTransaction(coordinator.db, async (trx) => {
    const fresh: Array<{ row: MergeEventsTable; verdict: Verdict }> = [];
    const detectedAt = new Date().toISOString();
    for (const verdict of verdicts) {
      const row = await trx
        .insertInto('merge_events')
        .values({
          id: randomUUID(),
          repo_path: repoPath,
          branch_name: verdict.branch,
          source_commit: verdict.tip,
          target_branch: verdict.target,
          target_commit: verdict.targetCommit,
          how: verdict.how,
          detected_at: detectedAt,
        })
        .onConflict((oc) => oc.columns(['repo_path', 'branch_name', 'target_branch', 'source_commit']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) fresh.push({ row, verdict });
    }
    const notified = fresh.length === 0 ? 0 : await announce({ ...coordinator, db: trx }, repoPath, fresh);
    return { events: fresh.map(({ row }) => toMergeEvent(row)), notified };
  });
}

async function announce(
  coordinator: MergeCoordinator,
  repoPath: string,
  fresh: Array<{ row: MergeEventsTable; verdict: Verdict }>,
): Promise<number> {
  const db = coordinator.db;
  const [subscriptions, sessions] = await Promise.all([
    db.selectFrom('subscriptions').selectAll().where('repo_path', '=', repoPath).where('active', '=', 1).execute(),
    db.selectFrom('sessions').selectAll().where('repo_path', '=', repoPath).where('status', 'in', ['active', 'registering']).execute(),
  ]);
  const live = sessions.filter(holdsWork);
  let count = 0;
  for (const { row, verdict } of fresh) {
    // A poll yields one verdict per branch and target, so each subscription matches at most one event.
    const waiting = subscriptions.filter((s) => s.branch_name === row.branch_name && s.target_branch === row.target_branch);
    for (const notice of mergeNotices(row, shortRef(verdict.seenIn), live, waiting)) {
      await addNotification(asCore(coordinator), notice);
      count++;
    }
    for (const sub of waiting) {
      await db.updateTable('subscriptions').set({ active: 0, notified_at: row.detected_at }).where('id', '=', sub.id).execute();
    }
  }
  return count;
}
