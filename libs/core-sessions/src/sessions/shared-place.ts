import type { Kysely } from 'kysely';
import type { CoreSessionsTables, SessionsTable } from '../db/schema';
import { isSessionAlive } from '../liveness/session-state';

type Db = Kysely<CoreSessionsTables>;

/**
 * When a holder has live guests (sessions that came while it worked there): removes the holder's
 * row and hands its place to the first of them, which holds it from now on; the other guests
 * become its guests, dead guests are forgotten. Returns the heir; null, with nothing changed, when
 * no guest is alive. Run it in a transaction: nobody else may see the place unheld in between.
 */
export async function handOverPlace(trx: Db, holder: Pick<SessionsTable, 'id'>): Promise<SessionsTable | null> {
  const guests = await trx.selectFrom('sessions').selectAll().where('shares_place_with', '=', holder.id).orderBy('created_at').execute();
  const live = guests.filter((g) => g.status !== 'kept' && isSessionAlive(g));
  const [heir, ...others] = live;
  if (!heir) return null;
  const dead = guests.filter((g) => !live.includes(g)).map((g) => g.id);
  if (dead.length > 0) await trx.deleteFrom('sessions').where('id', 'in', dead).execute();
  await trx.deleteFrom('sessions').where('id', '=', holder.id).execute();
  if (others.length > 0) {
    await trx
      .updateTable('sessions')
      .set({ shares_place_with: heir.id })
      .where('id', 'in', others.map((g) => g.id))
      .execute();
  }
  await trx.updateTable('sessions').set({ shares_place_with: null }).where('id', '=', heir.id).execute();
  return { ...heir, shares_place_with: null };
}
