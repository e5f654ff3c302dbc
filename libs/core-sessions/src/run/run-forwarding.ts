import { spawn } from 'node:child_process';
import { SessionError } from '../errors';

/** The signals a wrapper passes on to its agent. */
export const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** How a child process ended. */
export interface ChildEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Runs `command` with stdio inherited and no shell, passing SIGINT/SIGTERM/SIGHUP on to it while
 * it runs: Node's nearest thing to exec. `onSpawn` gets the child's PID. A command that cannot
 * start rejects with `AGENT_FAILED_TO_START`.
 */
export function runForwarding(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; onSpawn?(pid: number): void },
): Promise<ChildEnd> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: 'inherit' });
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
      if (child.pid !== undefined) options.onSpawn?.(child.pid);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      stopForwarding();
      const missing = command.includes('/') ? 'there is no such file' : 'it is not on PATH';
      reject(agentFailedToStart(command, error.code === 'ENOENT' ? missing : error.message));
    });
    child.once('exit', (code, signal) => {
      stopForwarding();
      resolve({ code, signal });
    });
  });
}

/** `AGENT_FAILED_TO_START`: the command could not be started, and why. */
export function agentFailedToStart(command: string, why: string): SessionError {
  return new SessionError('AGENT_FAILED_TO_START', `Could not start ${command}: ${why}.`, { command });
}
