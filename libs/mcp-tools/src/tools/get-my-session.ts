import * as v from 'valibot';
import { requireCallingSession } from '../session/calling-session';
import { defineTool } from './define-tool';
import { filesInProgressOutput, sessionOutput } from './outputs';
import { listed, plural, shortId } from './summary-text';

const Output = v.object({
  sessionId: v.string(),
  repoPath: v.string(),
  worktreePath: v.string(),
  worktreeName: v.nullable(v.string()),
  branch: v.nullable(v.string()),
  baseBranch: v.string(),
  isMainRepo: v.boolean(),
  startedAt: v.string(),
  state: sessionOutput.entries.state,
  ports: v.pipe(
    v.nullable(v.object({ first: v.number(), last: v.number() })),
    v.description('Your block of ports: run dev servers on PORT (the first) up to last; null when the repository gives none.'),
  ),
  parallelSessions: v.pipe(v.number(), v.description('Every live session of the repository, you included.')),
  ...filesInProgressOutput,
  otherSessions: v.array(v.object({ ...sessionOutput.entries, ...filesInProgressOutput })),
});

/** `get_my_session`: the calling session, and the other live sessions of its repository. */
export const getMySession = defineTool({
  name: 'get_my_session',
  title: 'My parallel-cc session',
  description:
    'Tells you which parallel-cc session you are: your session id, the worktree folder and branch you work in, the base branch ' +
    'your work should be merged into, whether you hold the main checkout, the other live sessions of the repository, and the files each has changed. ' +
    'Call it first in a parallel session: work and commit only inside worktreePath, on branch; with other sessions listed in ' +
    'otherSessions (parallelSessions counts every live session, you included), claim files (claim_file) before changing them.',
  input: v.object({}),
  output: Output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(_input, context) {
    const { changedFilesOf, otherLiveSessions, toSessionInfo } = await import('@parallel-cc/core-sessions');
    const session = await requireCallingSession(context, 'get_my_session');
    const now = context.now();
    const me = toSessionInfo(session, now, true);
    const { db } = await context.coordinator();
    const others = await otherLiveSessions(db, session);
    const changed = await changedFilesOf(db, [session.id, ...others.map((o) => o.id)], 20);
    const progress = (id: string) => ({ filesInProgress: changed.get(id)?.total ?? 0, changedFiles: changed.get(id)?.files ?? [] });
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
      ports: me.ports,
      parallelSessions: others.length + 1,
      ...progress(session.id),
      otherSessions: others.map((row) => ({ ...toSessionInfo(row, now, true), ...progress(row.id) })),
    };
  },
  summary(me) {
    const branch = me.branch ?? 'a detached HEAD';
    const place = me.isMainRepo ? `the main checkout ${me.worktreePath}` : `the worktree ${me.worktreePath}`;
    const you = `You are session ${me.sessionId} (${shortId(me.sessionId)}): work and commit in ${place}, on ${branch}; your base branch is ${me.baseBranch}.${me.ports ? ` Your ports: ${me.ports.first}-${me.ports.last} (PORT=${me.ports.first}).` : ''}`;
    if (me.otherSessions.length === 0) return `${you} No other live session works on ${me.repoPath}.`;
    const others = me.otherSessions.map(
      (s) =>
        `${shortId(s.sessionId)} ${s.isMainRepo ? 'in the main checkout on' : 'on'} ${s.branch ?? 'a detached HEAD'}` +
        (s.filesInProgress > 0 ? ` (changing ${listed(s.changedFiles.map((f) => f.filePath), 5)})` : ''),
    );
    return `${you} ${plural(others.length, 'other live session')}: ${listed(others)}. Claim files (claim_file) before changing them.`;
  },
});
