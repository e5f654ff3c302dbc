import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Kysely } from 'kysely';
import type { CoreSessionsTables, SessionsTable } from '../db/schema';
import { isSessionAlive } from '../liveness/session-state';

type Db = Kysely<CoreSessionsTables>;

/** A live, not-kept session by our id or by the Claude Code session id attached to it. */
export async function findActiveSession(
  db: Db,
  by: { sessionId: string } | { claudeSessionId: string },
): Promise<SessionsTable | undefined> {
  const query = db.selectFrom('sessions').selectAll().where('status', 'in', ['active', 'registering']);
  const rows = await ('sessionId' in by
    ? query.where('id', '=', by.sessionId)
    : query.where('claude_session_id', '=', by.claudeSessionId)
  ).execute();
  return rows.find(isSessionAlive);
}

/** The live session whose place (main checkout or worktree) contains `dir`; the innermost wins, its holder before its guests. */
export async function findSessionForPath(db: Db, dir: string): Promise<SessionsTable | undefined> {
  const target = realpathOr(dir);
  const rows = await db.selectFrom('sessions').selectAll().where('status', 'in', ['active', 'registering']).execute();
  return rows
    .filter((r) => target === r.worktree_path || target.startsWith(r.worktree_path + path.sep))
    .sort((a, b) => b.worktree_path.length - a.worktree_path.length || Number(a.shares_place_with !== null) - Number(b.shares_place_with !== null))
    .find(isSessionAlive);
}

/** The other live sessions of the same repository. */
export async function otherLiveSessions(db: Db, session: Pick<SessionsTable, 'id' | 'repo_path'>): Promise<SessionsTable[]> {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('repo_path', '=', session.repo_path)
    .where('id', '!=', session.id)
    .where('status', 'in', ['active', 'registering'])
    .execute();
  return rows.filter(isSessionAlive);
}

function realpathOr(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}
