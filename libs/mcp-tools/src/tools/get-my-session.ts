import * as v from 'valibot';
import { requireCallingSession } from '../session/calling-session';
import { defineTool } from './define-tool';

/** `get_my_session`: the calling session, and the other live sessions of its repository. */
export const getMySession = defineTool({
  name: 'get_my_session',
  title: 'My parallel-cc session',
  description:
    'Tells you which parallel-cc session you are: your session id, the worktree folder and branch you work in, the base branch ' +
    'your work should be merged into, whether you hold the main checkout, and the other live sessions of the repository. ' +
    'Call it first in a parallel session: work and commit only inside worktreePath, on branch; with other sessions listed in ' +
    'otherSessions (parallelSessions counts every live session, you included), claim files (claim_file) before changing them.',
  input: v.object({}),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(_input, context) {
    const { otherLiveSessions, toSessionInfo } = await import('@parallel-cc/core-sessions');
    const session = await requireCallingSession(context, 'get_my_session');
    const now = context.now();
    const me = toSessionInfo(session, now, true);
    const others = await otherLiveSessions((await context.coordinator()).db, session);
    return {
      sessionId: me.sessionId,
      repoPath: me.repoPath,
      worktreePath: me.worktreePath,
      worktreeName: me.worktreeName,
      branch: me.branch,
      baseBranch: me.baseBranch,
      isMainRepo: me.isMainRepo,
      startedAt: me.createdAt,
      state: me.state,
      parallelSessions: others.length + 1,
      otherSessions: others.map((row) => toSessionInfo(row, now, true)),
    };
  },
});
