import type { Coordinator } from '../db/open-database';
import { SessionError } from '../errors';
import type { Notification } from './notifications';

/** A notification as a timeline shows it: delivered or not, with its session's repository. */
export interface NotificationRecord extends Notification {
  /** When a hook or `get_notifications` took it; null while it waits. */
  deliveredAt: string | null;
  /** Its session's repository (the main checkout's path). */
  repoPath: string;
}

/**
 * The newest notifications of every session (or of one repository), delivered ones too, newest
 * first and at most `limit` (default 100, at most 10,000). Reads only: nothing is marked delivered.
 */
export async function recentNotifications(
  coordinator: Pick<Coordinator, 'db'>,
  options: { repoRoot?: string; limit?: number } = {},
): Promise<NotificationRecord[]> {
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new SessionError('INVALID_INPUT', `The limit ${String(limit)} is not valid: give a whole number from 1 to 10000.`, { limit });
  }
  let query = coordinator.db
    .selectFrom('notifications as n')
    .innerJoin('sessions as s', 's.id', 'n.session_id')
    .select(['n.id', 'n.session_id', 'n.kind', 'n.text', 'n.created_at', 'n.delivered_at', 's.repo_path']);
  if (options.repoRoot !== undefined) query = query.where('s.repo_path', '=', options.repoRoot);
  const rows = await query.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    sessionId: r.session_id,
    kind: r.kind,
    text: r.text,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
    repoPath: r.repo_path,
  }));
}
