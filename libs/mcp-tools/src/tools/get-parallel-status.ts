import * as v from 'valibot';
import { optionalRepositoryScope } from '../session/repository-scope';
import { defineTool } from './define-tool';
import { repoPathField } from './fields';

const Input = v.object({
  repo_path: v.optional(
    repoPathField("Any folder of the repository to list; default: the calling session's repository, else the one holding the server's folder."),
  ),
});

/** `get_parallel_status`: the sessions of a repository and their states. */
export const getParallelStatus = defineTool({
  name: 'get_parallel_status',
  title: 'Parallel sessions of a repository',
  description:
    'Lists the parallel-cc sessions working on a git repository: each one\'s id, worktree, branch, base branch and state ' +
    '(live, idle, stale, kept). Use it to see who else is working on the repository before you touch shared files or merge; ' +
    'sessions in other worktrees are on other branches, so check_conflicts or preview_session_conflicts tells whether your work collides with theirs. ' +
    'Without repo_path and outside any repository it lists every repository\'s sessions (repo is then null).',
  input: Input,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const { sessionStatus } = await import('@parallel-cc/core-sessions');
    const { root } = await optionalRepositoryScope(context, input.repo_path);
    const report = await sessionStatus(await context.coordinator(), { repoRoot: root, now: context.now() });
    return { repo: root ?? null, sessions: report.sessions, totalSessions: report.totalSessions };
  },
});
