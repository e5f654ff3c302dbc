import { findExecutable } from './find-executable';
import { agentFailedToStart, runForwarding } from './run-forwarding';
import type { ChildEnd } from './run-forwarding';

/** A command to run exactly as asked, outside any session. */
export interface PassThroughOptions {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Runs a command as if the wrapper were not there: same folder, same environment (no session id),
 * stdio inherited, signals passed on; resolves with how it ended so the caller can end the same
 * way. Nothing is registered, no database is opened. A command not on PATH rejects with
 * `AGENT_FAILED_TO_START` before anything runs.
 */
export async function runPassThrough(options: PassThroughOptions): Promise<ChildEnd> {
  if ((await findExecutable(options.command, options.env)) === null) throw agentFailedToStart(options.command, 'it is not on PATH');
  return runForwarding(options.command, options.args, { cwd: options.cwd, env: options.env });
}
