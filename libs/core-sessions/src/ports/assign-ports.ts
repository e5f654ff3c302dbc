import * as fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { EnvironmentSettings, PortBlock } from '@parallel-cc/worktree-gtr';
import type { CoreSessionsTables } from '../db/schema';
import { SessionError } from '../errors';
import { isSessionAlive } from '../liveness/session-state';
import { chooseBlock, overlaps } from './choose-block';

/** What {@link assignPorts} needs: the place, and the repository's port settings. */
export interface PortRequest {
  worktreePath: string;
  settings: Pick<EnvironmentSettings, 'ports' | 'portRange'>;
  /** A session row being taken over (its own old block does not count as held). */
  replacing?: string;
}

/**
 * Chooses the ports of a session about to be written, inside the registration's immediate
 * transaction `trx`, so that no two live sessions ever hold one port; remembers the choice for
 * the place (places whose folder is gone are forgotten). Only live sessions that are not kept hold ports: a crashed one's block is free at
 * once. Null when the repository asks for no ports. A full range is `PORTS_EXHAUSTED`, naming the
 * sessions holding it.
 */
export async function assignPorts(trx: Kysely<CoreSessionsTables>, request: PortRequest): Promise<PortBlock | null> {
  const { ports: count, portRange: range } = request.settings;
  if (count === 0) return null;
  const holders = (
    await trx
      .selectFrom('sessions')
      .select(['id', 'pid', 'pid_started', 'agent_pid', 'agent_started', 'worktree_path', 'port_first', 'port_last'])
      .where('port_first', 'is not', null)
      .where('status', '!=', 'kept')
      .execute()
  )
    .filter((r) => r.id !== request.replacing && isSessionAlive(r))
    .map((r) => ({ id: r.id, place: r.worktree_path, block: { first: r.port_first ?? 0, last: r.port_last ?? 0 } }));
  // A place whose folder is gone will not come back for its block: forget it, so that no gap stays.
  const remembered = await trx.selectFrom('port_memory').selectAll().execute();
  const gone = remembered.filter((m) => m.worktree_path !== request.worktreePath && !fs.existsSync(m.worktree_path)).map((m) => m.worktree_path);
  if (gone.length > 0) await trx.deleteFrom('port_memory').where('worktree_path', 'in', gone).execute();
  const memory = remembered.filter((m) => !gone.includes(m.worktree_path));
  const mine = memory.find((m) => m.worktree_path === request.worktreePath);
  const block = chooseBlock({
    range,
    count,
    held: holders.map((h) => h.block),
    ...(mine ? { remembered: { first: mine.port_first, last: mine.port_last } } : {}),
    rememberedByOthers: memory.filter((m) => m !== mine).map((m) => ({ first: m.port_first, last: m.port_last })),
  });
  if (!block) throw exhausted(range, count, holders);
  const stale = memory.filter((m) => m !== mine && overlaps({ first: m.port_first, last: m.port_last }, block)).map((m) => m.worktree_path);
  if (stale.length > 0) await trx.deleteFrom('port_memory').where('worktree_path', 'in', stale).execute();
  await trx
    .insertInto('port_memory')
    .values({ worktree_path: request.worktreePath, port_first: block.first, port_last: block.last, assigned_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('worktree_path').doUpdateSet({ port_first: block.first, port_last: block.last, assigned_at: new Date().toISOString() }))
    .execute();
  return block;
}

function exhausted(range: PortBlock, count: number, holders: Array<{ id: string; place: string; block: PortBlock }>): SessionError {
  const inRange = holders.filter((h) => overlaps(h.block, range));
  const named = inRange.map((h) => `${h.id.slice(0, 8)} (${h.block.first}-${h.block.last}, ${h.place})`);
  return new SessionError(
    'PORTS_EXHAUSTED',
    `No block of ${count} free ports is left in ${range.first}-${range.last}: live sessions hold them: ${named.join(', ')}. ` +
      'End some of them, or widen the range with `git config parallel-cc.portRange FIRST-LAST` (or fewer ports: `git config parallel-cc.ports N`).',
    { range, count, holders: inRange.map((h) => ({ sessionId: h.id, worktreePath: h.place, ports: h.block })) },
  );
}
