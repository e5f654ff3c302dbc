import type { SetupResult } from '@parallel-cc/worktree-gtr';
import type { Coordinator } from '../db/open-database';
import { SessionError } from '../errors';
import { rowPorts } from '../ports/port-env';
import { sessionById } from '../queries/session-by-id';
import { prepareEnvironment } from './prepare-environment';

/**
 * Runs the repository's setup command again in a session's worktree (`parallel-cc setup
 * --session-id …`), with the session's environment; its shared folders are left as they are.
 */
export async function setupSession(
  coordinator: Coordinator,
  options: { sessionId: string; env?: NodeJS.ProcessEnv; progress?: { write(text: string): unknown } },
): Promise<{ setup: SetupResult | null; warnings: string[] }> {
  const row = await sessionById(coordinator.db, options.sessionId);
  if (!row) throw new SessionError('SESSION_NOT_FOUND', `No session with id ${options.sessionId} is registered.`, { sessionId: options.sessionId });
  const wt = await import('@parallel-cc/worktree-gtr');
  const settings = await wt.readEnvironmentSettings(row.repo_path);
  if (!settings.setup) {
    throw new SessionError('INVALID_INPUT', `The repository ${row.repo_path} has no setup command; set one with \`git config parallel-cc.setup "<command>"\` or "setup" in .parallel-cc.json.`, {
      repoPath: row.repo_path,
    });
  }
  const result = await prepareEnvironment({
    sessionId: row.id,
    repoRoot: row.repo_path,
    worktreePath: row.worktree_path,
    ports: rowPorts(row),
    settings,
    env: options.env ?? process.env,
    share: false,
    ...(options.progress ? { progress: options.progress } : {}),
  });
  return { setup: result.setup, warnings: result.warnings };
}
