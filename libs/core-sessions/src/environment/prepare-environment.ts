import * as path from 'node:path';
import type { EnvironmentSettings, PortBlock, SetupResult, SharedDir } from '@parallel-cc/worktree-gtr';
import { coordinatorHome } from '../db/paths';
import { portEnv } from '../ports/port-env';

/** What a new worktree got besides its files: shared dependency folders, and the setup run. */
export interface SessionEnvironment {
  shared: SharedDir[];
  setup: SetupResult | null;
  warnings: string[];
}

/** A new worktree to make ready. */
export interface PrepareRequest {
  sessionId: string;
  repoRoot: string;
  worktreePath: string;
  ports: PortBlock | null;
  settings: EnvironmentSettings;
  env: NodeJS.ProcessEnv;
  progress?: { write(text: string): unknown };
  /** False: only the setup command (a retry); shared folders stay as they are. */
  share?: boolean;
}

/** The session's log file, where its setup output goes. */
export function sessionLogFile(sessionId: string, env: NodeJS.ProcessEnv): string {
  return path.join(coordinatorHome(env), 'logs', `${sessionId}.log`);
}

/** The environment a session's setup command and agent get: its own, the project's `env`, PORT and PARALLEL_CC_PORTS, the session id. */
export function sessionEnv(request: Pick<PrepareRequest, 'sessionId' | 'ports' | 'settings' | 'env'>): NodeJS.ProcessEnv {
  return { ...request.env, ...request.settings.env, ...portEnv(request.ports), PARALLEL_CC_SESSION_ID: request.sessionId };
}

/**
 * Makes a new worktree ready: clones the shared folders (node_modules by default) from the main
 * checkout, then runs the setup command once. Nothing here fails the session: a folder that could
 * not be shared, or a failed setup, is a warning saying what to do, and the worktree stays.
 */
export async function prepareEnvironment(request: PrepareRequest): Promise<SessionEnvironment> {
  const wt = await import('@parallel-cc/worktree-gtr');
  const warnings: string[] = [];
  const shared = request.share === false ? [] : wt.shareDirs(request.repoRoot, request.worktreePath, wt.dirsToShare(request.repoRoot, request.settings.shareDirs));
  for (const s of shared) if (s.status === 'refused' || s.status === 'failed') warnings.push(`${s.reason}.`);
  let setup: SetupResult | null = null;
  if (request.settings.setup) {
    setup = await wt.runSetup({
      command: request.settings.setup,
      worktreePath: request.worktreePath,
      env: { ...sessionEnv(request), WORKTREE_PATH: request.worktreePath, REPO_ROOT: request.repoRoot },
      logFile: sessionLogFile(request.sessionId, request.env),
      timeoutMs: request.settings.setupTimeoutMs,
      ...(request.progress ? { progress: request.progress } : {}),
    });
    if (setup.status !== 'done') {
      const how = setup.status === 'timed-out' ? `timed out after ${Math.round(request.settings.setupTimeoutMs / 1000)} s` : `failed (exit ${setup.exitCode})`;
      warnings.push(
        `The setup command ${how} in ${request.worktreePath}; the worktree is kept. Its output is in ${setup.logFile}; ` +
          `retry with \`parallel-cc setup --session-id ${request.sessionId}\`.`,
      );
    }
  }
  return { shared, setup, warnings };
}
