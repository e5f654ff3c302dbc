import type { Kysely } from 'kysely';
import type { CoreSessionsTables, SessionsTable } from '../db/schema';

/**
 * The registered (not kept) sessions of one Claude Code session: the one it runs in and those of
 * its subagents' worktrees, which carry the same Claude session id. One query.
 */
export async function sessionsOfClaudeSession(db: Kysely<CoreSessionsTables>, claudeSessionId: string): Promise<SessionsTable[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('claude_session_id', '=', claudeSessionId)
    .where('status', 'in', ['active', 'registering'])
    .orderBy('created_at')
    .execute();
}
