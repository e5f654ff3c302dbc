import type { SessionsTable } from '@parallel-cc/core-sessions';
import type { MergeEventsTable, SubscriptionsTable } from '../db/schema';
import { baseMovedText, mergedText, pullText, yourBranchMergedText } from './notification-texts';

/** One notification to queue for a merge. */
export interface MergeNotice {
  sessionId: string;
  kind: 'merge' | 'base-moved';
  text: string;
}

/**
 * Who is told about one new merge, and what, one notice per session: the live sessions whose
 * branch it is ("your branch was merged"), the subscribers waiting for it, and every other live
 * session based on the target ("rebase onto it"). A session working on the target branch itself
 * has nothing to rebase onto: it hears only of a merge made on the remote (`into` is then the
 * remote-tracking name), as a reminder to pull.
 */
export function mergeNotices(
  event: Pick<MergeEventsTable, 'branch_name' | 'target_branch' | 'how'>,
  into: string,
  live: SessionsTable[],
  waiting: Array<Pick<SubscriptionsTable, 'session_id'>>,
): MergeNotice[] {
  const { branch_name: branch, target_branch: target, how } = event;
  const notices: MergeNotice[] = [];
  const told = new Set<string>();
  const tell = (sessionId: string, kind: MergeNotice['kind'], text: string) => {
    if (told.has(sessionId)) return;
    told.add(sessionId);
    notices.push({ sessionId, kind, text });
  };
  for (const session of live) if (session.branch === branch) tell(session.id, 'merge', yourBranchMergedText(branch, into, how));
  for (const sub of waiting) tell(sub.session_id, 'merge', mergedText(branch, into, how));
  for (const session of live) {
    if (session.base_branch !== target) continue;
    if (session.branch !== target) tell(session.id, 'base-moved', baseMovedText(branch, into));
    else if (into !== target) tell(session.id, 'base-moved', pullText(branch, into, target));
  }
  return notices;
}
