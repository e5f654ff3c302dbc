import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Database as Sqlite } from 'better-sqlite3';
import type { ClaimMode } from '../claims/claim-mode';
import type { SessionsTable } from '../db/schema';

/** A session row as the guard reads it: its place and what decides whether it is alive. */
export type GuardSessionRow = Pick<
  SessionsTable,
  'id' | 'repo_path' | 'worktree_path' | 'branch' | 'status' | 'pid' | 'pid_started' | 'agent_pid' | 'agent_started' | 'claude_session_id'
>;

/** Another session's hold on a file: its claim (if unexpired) and its recorded change (if any). */
export interface NeighbourRow extends Omit<GuardSessionRow, 'repo_path' | 'claude_session_id'> {
  mode: ClaimMode | null;
  claimed_at: string | null;
  ranges: string | null;
  uncommitted: number | null;
  changed_at: string | null;
}

const SESSION_COLUMNS = 'id, repo_path, worktree_path, branch, status, pid, pid_started, agent_pid, agent_started, claude_session_id';

/** Every session row that has a place (active, registering or kept), for finding places and the caller. */
export function guardSessionRows(raw: Sqlite): GuardSessionRow[] {
  return raw.prepare(`select ${SESSION_COLUMNS} from sessions where status in ('active', 'registering', 'kept')`).all() as GuardSessionRow[];
}

/** The row whose place (main checkout or worktree) holds `file`; the innermost wins, real paths count too. */
export function placeOfPath<T extends Pick<GuardSessionRow, 'worktree_path'>>(rows: T[], file: string): T | undefined {
  const inside = (target: string) =>
    rows
      .filter((r) => target === r.worktree_path || target.startsWith(r.worktree_path + path.sep))
      .sort((a, b) => b.worktree_path.length - a.worktree_path.length)[0];
  return inside(file) ?? inside(realDirectory(file));
}

function realDirectory(file: string): string {
  try {
    return path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
  } catch {
    return file;
  }
}

/**
 * One indexed query: the sessions of `repoPath` other than `selfId` that hold an unexpired claim on
 * `filePath` or have changed it. Liveness is the caller's to judge (it reads /proc, not SQL).
 */
export function editNeighbours(raw: Sqlite, options: { repoPath: string; filePath: string; selfId: string | null; now: Date }): NeighbourRow[] {
  return raw
    .prepare(
      `select s.id, s.worktree_path, s.branch, s.status, s.pid, s.pid_started, s.agent_pid, s.agent_started,
              c.mode, c.claimed_at, f.ranges, f.uncommitted, f.updated_at as changed_at
         from sessions s
         left join file_claims c on c.session_id = s.id and c.file_path = @file and c.expires_at > @now
         left join changed_files f on f.session_id = s.id and f.file_path = @file
        where s.repo_path = @repo and s.id <> @self and s.status in ('active', 'registering', 'kept')
          and (c.id is not null or f.session_id is not null)
        order by s.created_at`,
    )
    .all({ file: options.filePath, now: options.now.toISOString(), repo: options.repoPath, self: options.selfId ?? '' }) as NeighbourRow[];
}

/**
 * Queues a notification for a session unless the same one is still waiting for it (an edit after
 * an edit would otherwise repeat it); false when the session row is gone.
 */
export function notifyOnce(raw: Sqlite, notification: { sessionId: string; kind: string; text: string; now: Date }): boolean {
  const text = notification.text.slice(0, 4000);
  // Read first: the common case (the notice already waits) then takes no write lock at all.
  const waiting = raw
    .prepare('select 1 from notifications where session_id = ? and kind = ? and text = ? and delivered_at is null')
    .get(notification.sessionId, notification.kind, text);
  if (waiting) return false;
  const result = raw
    .prepare(
      `insert into notifications (session_id, kind, text, created_at, delivered_at)
       select @session, @kind, @text, @now, null
        where exists (select 1 from sessions where id = @session)
          and not exists (select 1 from notifications where session_id = @session and kind = @kind and text = @text and delivered_at is null)`,
    )
    .run({ session: notification.sessionId, kind: notification.kind, text, now: notification.now.toISOString() });
  return result.changes > 0;
}
