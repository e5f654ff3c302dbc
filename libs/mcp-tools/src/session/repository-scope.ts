import * as path from 'node:path';
import type { SessionsTable } from '@parallel-cc/core-sessions';
import type { ToolContext } from '../tool-context';
import { ToolFailure } from '../tool-failure';
import { findCallingSession } from './calling-session';

/** Which repository a tool call is about, and the calling session when there is one. */
export interface RepositoryScope {
  /** The repository's main checkout. */
  root: string;
  session: SessionsTable | undefined;
}

/**
 * The repository a call is about: `repoPath` when given (any folder of it, relative to the
 * server's folder), else the calling session's repository, else the repository holding the
 * server's folder; `NOT_FOUND` when the server's folder is in none (its message suggests
 * `repo_path` only to tools that take one).
 */
export async function repositoryScope(context: ToolContext, repoPath: string | undefined, takesRepoPath = true): Promise<RepositoryScope> {
  const scope = await optionalRepositoryScope(context, repoPath);
  if (scope.root !== undefined) return { root: scope.root, session: scope.session };
  const remedy = takesRepoPath
    ? 'give repo_path, a folder of the repository'
    : 'call it from a registered session (see get_my_session), or start the MCP server in a folder of the repository';
  throw new ToolFailure('NOT_FOUND', `The server's folder ${context.cwd} is not inside a git repository and no parallel-cc session is calling: ${remedy}.`);
}

/** Like {@link repositoryScope}, but no repository (the server's folder is in none) means every repository. */
export async function optionalRepositoryScope(
  context: ToolContext,
  repoPath: string | undefined,
): Promise<{ root: string | undefined; session: SessionsTable | undefined }> {
  const { resolveRepository } = await import('@parallel-cc/worktree-gtr');
  const session = await findCallingSession(context);
  if (repoPath !== undefined) return { root: (await resolveRepository(path.resolve(context.cwd, repoPath))).root, session };
  if (session) return { root: session.repo_path, session };
  try {
    return { root: (await resolveRepository(context.cwd)).root, session };
  } catch (error) {
    if (isNotARepository(error)) return { root: undefined, session };
    throw error;
  }
}

function isNotARepository(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'NOT_A_REPOSITORY' || code === 'NOT_FOUND';
}
