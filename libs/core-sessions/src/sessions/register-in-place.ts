import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { releaseSessionClaims } from '../claims/release-session-claims';
import type { Coordinator } from '../db/open-database';
import type { SessionsTable } from '../db/schema';
import { immediateTransaction } from '../db/transaction';
import { SessionError } from '../errors';
import { NO_MARK_OWNER } from '../liveness/mark-owner';
import { processStartTime } from '../liveness/process-start';
import { isSessionAlive } from '../liveness/session-state';
import { parseInput, PidSchema, RepoPathSchema } from './inputs';
import { sessionsOfRepo } from './queries';

/** What {@link registerInPlace} did: the session registered there and, when it came as a guest, the live session holding the place. */
export interface InPlaceOutcome {
  session: SessionsTable;
  heldBy: SessionsTable | null;
}

/**
 * Registers an agent that was started without the wrapper (found by the SessionStart hook) in the
 * checkout it already works in. Such a session does not own its place: releasing it only forgets
 * it. When another live session holds that checkout, the newcomer is registered as its guest
 * (`shares_place_with`), so that everyone sees it; a dead session's row for the same place (a kept
 * worktree, say) is taken over rather than duplicated.
 */
export async function registerInPlace(
  coordinator: Coordinator,
  options: { dir: string; pid: number; claudeSessionId: string | null; env?: NodeJS.ProcessEnv },
): Promise<InPlaceOutcome> {
  const pid = parseInput(PidSchema, options.pid, 'PID');
  const dir = parseInput(RepoPathSchema, options.dir, 'folder');
  const pidStarted = processStartTime(pid);
  if (pidStarted === null) throw new SessionError('PROCESS_NOT_RUNNING', `No process with PID ${pid} is running.`, { pid });
  const wt = await import('@parallel-cc/worktree-gtr');
  const repository = await wt.resolveRepository(dir);
  const place = repository.toplevel;
  const isMain = place === repository.root;
  const branch = isMain ? (repository.mainDetached ? null : repository.mainBranch) : await wt.currentBranch(place);
  const now = new Date().toISOString();

  return immediateTransaction(coordinator.db, async (trx) => {
    const rows = (await sessionsOfRepo(trx, repository.root)).filter((r) => r.worktree_path === place);
    const live = rows.filter((r) => r.status !== 'kept' && isSessionAlive(r));
    const mine = live.find((r) => (r.pid === pid && r.pid_started === pidStarted) || (r.agent_pid === pid && r.agent_started === pidStarted));
    const holder = live.find((r) => r.shares_place_with === null) ?? live[0] ?? null;
    if (mine) {
      // The same agent starting a new conversation (`/clear`): its session follows the new id.
      const claudeSessionId = options.claudeSessionId ?? mine.claude_session_id;
      if (claudeSessionId !== mine.claude_session_id) await trx.updateTable('sessions').set({ claude_session_id: claudeSessionId }).where('id', '=', mine.id).execute();
      return { session: { ...mine, claude_session_id: claudeSessionId }, heldBy: mine === holder ? null : holder };
    }
    const fields = { pid, pid_started: pidStarted, claude_session_id: options.claudeSessionId, last_heartbeat: now, status_changed_at: now, ...NO_MARK_OWNER };
    const dead = holder ? undefined : rows.find((r) => r.shares_place_with === null);
    if (dead) {
      const adopted = { ...dead, ...fields, agent_pid: null, agent_started: null, status: 'active' as const, kept_reason: null, port_first: null, port_last: null };
      await trx.updateTable('sessions').set(adopted).where('id', '=', dead.id).execute();
      // The dead session's claims were its own, not the newcomer's.
      await releaseSessionClaims(trx, dead.id);
      return { session: adopted, heldBy: null };
    }
    const row: SessionsTable = {
      id: randomUUID(),
      repo_path: repository.root,
      worktree_path: place,
      worktree_name: isMain ? null : path.basename(place),
      branch,
      base_branch: holder?.base_branch ?? repository.mainBranch,
      is_main_repo: isMain ? 1 : 0,
      agent_pid: null,
      agent_started: null,
      status: 'active',
      kept_reason: null,
      created_at: now,
      origin: 'adopted',
      parent_session_id: null,
      shares_place_with: holder?.id ?? null,
      // Started without us, its agent cannot be given PORT: a session found in place holds no ports.
      port_first: null,
      port_last: null,
      ...fields,
    };
    await trx.insertInto('sessions').values(row).execute();
    return { session: row, heldBy: holder };
  });
}

/** Records Claude Code's own session id on one of our sessions (from its SessionStart hook). */
export async function attachClaudeSession(coordinator: Coordinator, sessionId: string, claudeSessionId: string): Promise<void> {
  await coordinator.db
    .updateTable('sessions')
    .set({ claude_session_id: claudeSessionId.slice(0, 200) })
    .where('id', '=', sessionId)
    .execute();
}
