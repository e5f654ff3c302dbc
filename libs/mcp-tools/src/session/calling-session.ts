import type { SessionsTable } from '@parallel-cc/core-sessions';
import type { ToolContext } from '../tool-context';
import { ToolFailure } from '../tool-failure';

/**
 * The session calling the server: the live session named by `PARALLEL_CC_SESSION_ID` (the wrapper
 * exports it; a short id, any unique start of 4+ hex characters, works too), else the live session whose place (main checkout or worktree) holds the server's
 * folder. Undefined when neither finds one: a named id that is not live is not replaced by a guess.
 */
export async function findCallingSession(context: ToolContext): Promise<SessionsTable | undefined> {
  const { findActiveSession, findSessionForPath, resolveSessionId } = await import('@parallel-cc/core-sessions');
  const { db } = await context.coordinator();
  const named = context.env['PARALLEL_CC_SESSION_ID']?.trim();
  if (named) return findActiveSession(db, { sessionId: await resolveSessionId(db, named, { what: 'PARALLEL_CC_SESSION_ID' }) });
  return findSessionForPath(db, context.cwd);
}

/** The calling session (see {@link findCallingSession}); else `NO_SESSION`, saying how to start one. */
export async function requireCallingSession(context: ToolContext, toolName: string): Promise<SessionsTable> {
  const session = await findCallingSession(context);
  if (session) return session;
  throw new ToolFailure('NO_SESSION', noSessionMessage(context, toolName));
}

function noSessionMessage(context: ToolContext, toolName: string): string {
  const named = context.env['PARALLEL_CC_SESSION_ID']?.trim();
  const why = named
    ? `PARALLEL_CC_SESSION_ID names session ${named}, which is not registered or no longer live`
    : `no parallel-cc session is registered for ${context.cwd} and PARALLEL_CC_SESSION_ID is not set`;
  return (
    `${toolName} works for the calling session, but ${why}. ` +
    'Start the agent through `claude-parallel` (it registers a session and sets PARALLEL_CC_SESSION_ID), ' +
    'or run `parallel-cc register --repo <path> --pid <pid>` and set PARALLEL_CC_SESSION_ID to the sessionId it prints. ' +
    'get_parallel_status works without a session.'
  );
}
