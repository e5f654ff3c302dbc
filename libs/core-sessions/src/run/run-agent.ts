import { spawn } from 'node:child_process';
import * as os from 'node:os';
import type { Coordinator } from '../db/open-database';
import { SessionError } from '../errors';
import { processStartTime } from '../liveness/process-start';
import { sessionById } from '../sessions/queries';
import { registerSession } from '../sessions/register';
import type { Registration } from '../sessions/register';
import { retireSession } from '../sessions/retire';
import type { RetireResult } from '../sessions/retire';

/** The signals a wrapper passes on to its agent. */
export const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

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
 * with PARALLEL_CC_SESSION_ID set and stdio inherited, forwards SIGINT/SIGTERM/SIGHUP to it,
 * records its PID (so the session outlives a killed wrapper), and releases when it exits.
 */
export async function runAgentSession(coordinator: Coordinator, options: RunAgentOptions): Promise<AgentRunResult> {
  const env = options.env ?? process.env;
  const registration = await registerSession(coordinator, { repo: options.repo, pid: process.pid, env });
  options.onRegistered?.(registration);
  let ended: { code: number | null; signal: NodeJS.Signals | null };
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
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, options.args, {
      cwd: registration.workingDirectory,
      env: { ...env, PARALLEL_CC_SESSION_ID: registration.sessionId },
      stdio: 'inherit',
    });
    const forward = (signal: NodeJS.Signals) => {
      // A terminal's Ctrl-C already reaches the agent (same process group); sending it again
      // would count as a second Ctrl-C.
      if (signal === 'SIGINT' && process.stdin.isTTY) return;
      child.kill(signal);
    };
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    const stopForwarding = () => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
    };
    child.once('spawn', () => {
      const pid = child.pid;
      if (pid === undefined) return;
      coordinator.db
        .updateTable('sessions')
        .set({ agent_pid: pid, agent_started: processStartTime(pid) })
        .where('id', '=', registration.sessionId)
        .execute()
        .catch(() => undefined);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      stopForwarding();
      const why = error.code === 'ENOENT' ? 'it is not on PATH' : error.message;
      reject(
        new SessionError('AGENT_FAILED_TO_START', `Could not start ${options.command}: ${why}.`, {
          command: options.command,
        }),
      );
    });
    child.once('exit', (code, signal) => {
      stopForwarding();
      resolve({ code, signal });
    });
  });
}

async function releaseOwn(coordinator: Coordinator, sessionId: string, env: NodeJS.ProcessEnv): Promise<RetireResult[]> {
  const row = await sessionById(coordinator.db, sessionId);
  // The same environment as registration, so removal picks the same worktree tool (gtr or git).
  return row ? [await retireSession(coordinator, row, { env })] : [];
}
