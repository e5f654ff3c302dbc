import type { Coordinator } from '../db/open-database';
import { SessionError } from '../errors';
import { parseInput, SessionIdSchema } from '../sessions/inputs';
import * as v from 'valibot';

/** A message for a session, delivered at most once (by its next hook call or `get_notifications`). */
export interface Notification {
  id: number;
  sessionId: string;
  kind: string;
  text: string;
  createdAt: string;
}

const KindSchema = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a short lowercase word such as "merge"'));
const TextSchema = v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(4000, 'must be at most 4000 characters'));

/**
 * Queues a notification for a session; it is delivered once, by whichever asks first. With
 * `once`, nothing is queued while the same notice (kind and text) still waits for the session: a
 * refusal repeated a hundred times reaches the model once. Resolves to the new notice's id, null
 * when the same one waits. Only `coordinator.db` is used, so `{ db: trx }` queues it inside a
 * transaction the caller holds.
 */
export async function addNotification(
  coordinator: Pick<Coordinator, 'db'>,
  notification: { sessionId: string; kind: string; text: string },
  options: { once?: boolean } = {},
): Promise<number | null> {
  const values = {
    session_id: parseInput(SessionIdSchema, notification.sessionId, 'session id'),
    kind: parseInput(KindSchema, notification.kind, 'notification kind'),
    text: parseInput(TextSchema, notification.text, 'notification text'),
    created_at: new Date().toISOString(),
    delivered_at: null,
  };
  const row = await coordinator.db
    .insertInto('notifications')
    .columns(['session_id', 'kind', 'text', 'created_at', 'delivered_at'])
    .expression((eb) => {
      const fromSession = eb
        .selectFrom('sessions')
        .select([
          eb.val(values.session_id).as('session_id'),
          eb.val(values.kind).as('kind'),
          eb.val(values.text).as('text'),
          eb.val(values.created_at).as('created_at'),
          eb.val(null).as('delivered_at'),
        ])
        .where('id', '=', values.session_id);
      if (!options.once) return fromSession;
      const waiting = eb
        .selectFrom('notifications')
        .select('id')
        .where('session_id', '=', values.session_id)
        .where('kind', '=', values.kind)
        .where('text', '=', values.text)
        .where('delivered_at', 'is', null);
      return fromSession.where(eb.not(eb.exists(waiting)));
    })
    .returning('id')
    .executeTakeFirst();
  if (row) return row.id;
  const session = await coordinator.db.selectFrom('sessions').select('id').where('id', '=', values.session_id).executeTakeFirst();
  if (!session) {
    throw new SessionError('SESSION_NOT_FOUND', `No session with id ${values.session_id} is registered.`, {
      sessionId: values.session_id,
    });
  }
  return null;
}

/**
 * Takes a session's pending notifications, oldest first, marking them delivered in the same
 * statement: two hooks racing for them cannot both deliver one.
 */
export async function takeNotifications(coordinator: Coordinator, sessionId: string): Promise<Notification[]> {
  const rows = await coordinator.db
    .updateTable('notifications')
    .set({ delivered_at: new Date().toISOString() })
    .where('session_id', '=', sessionId)
    .where('delivered_at', 'is', null)
    .returning(['id', 'session_id', 'kind', 'text', 'created_at'])
    .execute();
  return rows
    .sort((a, b) => a.id - b.id)
    .map((r) => ({ id: r.id, sessionId: r.session_id, kind: r.kind, text: r.text, createdAt: r.created_at }));
}
