import { randomUUID } from 'node:crypto';
import { addNotification, immediateTransaction, liveSessions } from '@parallel-cc/core-sessions';
import type { CoreSessionsTables } from '@parallel-cc/core-sessions';
import type { Kysely } from 'kysely';
import { mergeDb } from '../db/merge-db';
import type { MergeCoordinator, MergeEventsTable } from '../db/schema';
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
    const db = mergeDb(trx);
    const fresh: Array<{ row: MergeEventsTable; verdict: Verdict }> = [];
    const detectedAt = new Date().toISOString();
    for (const verdict of verdicts) {
      const row = await db
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
    const notified = fresh.length === 0 ? 0 : await announce(trx, repoPath, fresh);
    return { events: fresh.map(({ row }) => toMergeEvent(row)), notified };
  });
}

async function announce(
  trx: Kysely<CoreSessionsTables>,
  repoPath: string,
  fresh: Array<{ row: MergeEventsTable; verdict: Verdict }>,
): Promise<number> {
  const db = mergeDb(trx);
  const [subscriptions, live] = await Promise.all([
    db.selectFrom('subscriptions').selectAll().where('repo_path', '=', repoPath).where('active', '=', 1).execute(),
    liveSessions(trx, { repoPath }),
  ]);
  let count = 0;
  for (const { row, verdict } of fresh) {
    // A poll yields one verdict per branch and target, so each subscription matches at most one event.
    const waiting = subscriptions.filter((s) => s.branch_name === row.branch_name && s.target_branch === row.target_branch);
    for (const notice of mergeNotices(row, shortRef(verdict.seenIn), live, waiting)) {
      await addNotification({ db: trx }, notice);
      count++;
    }
    for (const sub of waiting) {
      await db.updateTable('subscriptions').set({ active: 0, notified_at: row.detected_at }).where('id', '=', sub.id).execute();
    }
  }
  return count;
}
