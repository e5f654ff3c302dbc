import * as v from 'valibot';
import { optionalRepositoryScope } from '../session/repository-scope';
import { defineTool } from './define-tool';
import { repoPathField } from './fields';
import { filesInProgressOutput, sessionOutput } from './outputs';
import { listed, plural, shortId } from './summary-text';

const Input = v.object({
  repo_path: v.optional(
    repoPathField("Any folder of the repository to list; default: the calling session's repository, else the one holding the server's folder."),
  ),
});

const Session = v.object({
  ...sessionOutput.entries,
  claimedFiles: v.pipe(v.number(), v.description('How many files the session holds claims on now.')),
  ...filesInProgressOutput,
});

const Output = v.object({
  repo: v.pipe(v.nullable(v.string()), v.description('The repository listed (its main checkout), or null for every repository.')),
  callerSessionId: v.pipe(v.nullable(v.string()), v.description('Your session, when a parallel-cc session is calling.')),
  sessions: v.array(Session),
  totalSessions: v.number(),
});

type Listed = v.InferOutput<typeof Session>;

/** `get_parallel_status`: the sessions of a repository and their states. */
export const getParallelStatus = defineTool({
  name: 'get_parallel_status',
  title: 'Parallel sessions of a repository',
  description:
    'Lists the parallel-cc sessions working on a git repository: each one\'s id, worktree, branch, base branch and state ' +
    '(live, idle, stale, kept), how it started (origin; a subagent names its parentSessionId, a session sharing another\'s checkout its sharesPlaceWith), how many files it has claimed, and the files it has changed (work in progress, committed or not, with the changed lines). Use it to see who else is working on the repository before you touch shared files or merge; ' +
    'sessions in other worktrees are on other branches, so check_conflicts or preview_session_conflicts tells whether your work collides with theirs. ' +
    'Without repo_path and outside any repository it lists every repository\'s sessions (repo is then null).',
  input: Input,
  output: Output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const { changedFilesOf, listClaims, sessionStatus } = await import('@parallel-cc/core-sessions');
    const { root, session } = await optionalRepositoryScope(context, input.repo_path);
    const coordinator = await context.coordinator();
    const now = context.now();
    const report = await sessionStatus(coordinator, { repoRoot: root, now });
    const claimed = new Map<string, number>();
    for (const claim of await listClaims(coordinator, { repoRoot: root, now })) claimed.set(claim.sessionId, (claimed.get(claim.sessionId) ?? 0) + 1);
    const changed = await changedFilesOf(coordinator.db, report.sessions.map((s) => s.sessionId), 20);
    return {
      repo: root ?? null,
      callerSessionId: session?.id ?? null,
      sessions: report.sessions.map((s) => ({
        ...s,
        claimedFiles: claimed.get(s.sessionId) ?? 0,
        filesInProgress: changed.get(s.sessionId)?.total ?? 0,
        changedFiles: changed.get(s.sessionId)?.files ?? [],
      })),
      totalSessions: report.totalSessions,
    };
  },
  summary({ repo, callerSessionId, sessions }) {
    if (sessions.length === 0) return repo ? `No parallel-cc sessions on ${repo}.` : 'No parallel-cc sessions are registered.';
    const line = (s: Listed) => describeSession(s, s.sessionId === callerSessionId);
    if (repo) return `${plural(sessions.length, 'session')} on ${repo}: ${listed(sessions.map(line))}.`;
    const repos = [...new Set(sessions.map((s) => s.repoPath))];
    const byRepo = repos.map((r) => `${r}: ${listed(sessions.filter((s) => s.repoPath === r).map(line))}.`);
    return [`${plural(sessions.length, 'session')} in ${plural(repos.length, 'repository', 'repositories')}:`, ...byRepo].join('\n');
  },
});

/** `you (1a2b3c4d, main checkout, main; live)` or `5e6f7a8b on worktree-x (idle, 2 files claimed, subagent of 1a2b3c4d)`. */
function describeSession(session: Listed, isCaller: boolean): string {
  const branch = session.branch ?? 'a detached HEAD';
  const notes = [
    session.state,
    session.claimedFiles > 0 ? `${plural(session.claimedFiles, 'file')} claimed` : null,
    session.filesInProgress > 0 ? `${plural(session.filesInProgress, 'file')} changed` : null,
    session.keptReason ? `kept: ${session.keptReason}` : null,
    session.problem,
    startedAs(session),
  ].filter((note) => note !== null);
  if (isCaller) return `you (${shortId(session.sessionId)}, ${session.isMainRepo ? `main checkout, ${branch}` : branch}; ${notes.join(', ')})`;
  return `${shortId(session.sessionId)} ${session.isMainRepo ? `in the main checkout on ${branch}` : `on ${branch}`} (${notes.join(', ')})`;
}

/** How a session started, when it was not through the wrapper (the usual case, left unsaid to keep the line short). */
function startedAs(s: Listed): string | null {
  if (s.sharesPlaceWith) return `sharing the place of ${shortId(s.sharesPlaceWith)}`;
  if (s.origin === 'subagent') return s.parentSessionId ? `subagent of ${shortId(s.parentSessionId)}` : 'subagent';
  return s.origin === 'wrapper' ? null : s.origin;
}
