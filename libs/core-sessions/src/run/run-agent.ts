import * as os from 'node:os';
import type { Coordinator } from '../db/open-database';
import { processStartTime } from '../liveness/process-start';
import { portEnv } from '../ports/port-env';
import { sessionById } from '../queries/session-by-id';
import { registerSession } from '../sessions/register';
import type { Registration } from '../sessions/register';
import { retireSession } from '../sessions/retire';
import type { RetireResult } from '../sessions/retire';
import { findExecutable } from './find-executable';
import { agentFailedToStart, runForwarding } from './run-forwarding';
import type { ChildEnd } from './run-forwarding';

/** A request to run an agent as a session. */
export interface RunAgentOptions {
  /** Where the user started: the agent runs in the same subfolder of its session's checkout. */
  repo: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Called once the session is registered, before the agent starts. */
  onRegistered?(registration: Registration): void;
}

/** How an agent run ended. */
export interface AgentRunResult {
  registration: Registration;
  /** The agent's exit code, or 128 + the signal number when a signal ended it. */
  exitCode: number;
  signal: NodeJS.Signals | null;
  release: RetireResult[];
}

/**
 * The `claude-parallel` wrapper: registers this process, runs the agent in the session's folder
 * with PARALLEL_CC_SESSION_ID, PORT and PARALLEL_CC_PORTS set and stdio inherited, forwards SIGINT/SIGTERM/SIGHUP to it,
 * records its PID (so the session outlives a killed wrapper), and releases when it exits. An
 * agent that is not on PATH is reported (`AGENT_FAILED_TO_START`) before anything is registered.
 */
export async function runAgentSession(coordinator: Coordinator, options: RunAgentOptions): Promise<AgentRunResult> {
  const env = options.env ?? process.env;
  if ((await findExecutable(options.command, env)) === null) throw agentFailedToStart(options.command, 'it is not on PATH');
  const registration = await registerSession(coordinator, { repo: options.repo, pid: process.pid, env });
  options.onRegistered?.(registration);
  let ended: ChildEnd;
  try {
    ended = await runChild(coordinator, registration, options, env);
  } catch (error) {
    await releaseOwn(coordinator, registration.sessionId, env);
    throw error;
  }
  const release = await releaseOwn(coordinator, registration.sessionId, env);
  const signalNumber = ended.signal ? (os.constants.signals[ended.signal] ?? 0) : 0;
  return { registration, exitCode: ended.code ?? 128 + signalNumber, signal: ended.signal, release };
}

function runChild(
  coordinator: Coordinator,
  registration: Registration,
  options: RunAgentOptions,
  env: NodeJS.ProcessEnv,
): Promise<ChildEnd> {
  return runForwarding(options.command, options.args, {
    cwd: registration.workingDirectory,
    env: { ...env, ...portEnv(registration.ports), PARALLEL_CC_SESSION_ID: registration.sessionId },
    onSpawn: (pid) => {
      coordinator.db
        .updateTable('sessions')
        .set({ agent_pid: pid, agent_started: processStartTime(pid) })
        .where('id', '=', registration.sessionId)
        .execute()
        .catch(() => undefined);
    },
  });
}

async function releaseOwn(coordinator: Coordinator, sessionId: string, env: NodeJS.ProcessEnv): Promise<RetireResult[]> {
  const row = await sessionById(coordinator.db, sessionId);
  // The same environment as registration, so removal picks the same worktree tool (gtr or git).
  return row ? [await retireSession(coordinator, row, { env })] : [];
}
