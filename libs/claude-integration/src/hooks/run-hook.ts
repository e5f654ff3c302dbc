import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Coordinator } from '@parallel-cc/core-sessions';
import { agentPid } from './agent-pid';
import type { HookContext } from './hook-context';
import { parseHookInput } from './hook-input';
import type { HookInput } from './hook-input';
import type { HookOutput } from './hook-output';
import { handlePostToolUse } from './post-tool-use';
import { handleSessionEnd } from './session-end';
import { handleSessionStart } from './session-start';
import { coordinatorHome, openCoordinator } from '@parallel-cc/core-sessions';

/** The hook subcommands, by the name `parallel-cc hook <name>` takes. */
export const HOOK_HANDLERS: Record<string, (context: HookContext, input: HookInput) => Promise<HookOutput | null>> = {
  'post-tool-use': handlePostToolUse,
  'session-start': handleSessionStart,
  'session-end': handleSessionEnd,
};

/**
 * Runs one hook and returns what to print (JSON or nothing). Never throws and never disturbs the
 * session: bad input prints nothing; a failure is logged to `$PARALLEL_CC_HOME/logs/hooks.log`.
 */
export async function runHook(
  name: string,
  stdin: string,
  options: { env: NodeJS.ProcessEnv; agentPid?: () => number },
): Promise<string> {
  const handler = HOOK_HANDLERS[name];
  const input = parseHookInput(stdin);
  if (!handler || !input) return '';
  let coordinator: Coordinator | undefined;
  try {
    coordinator = await openCoordinator({ env: options.env });
    const output = await handler({ coordinator, env: options.env, agentPid: options.agentPid ?? (() => agentPid()) }, input);
    return output ? `${JSON.stringify(output)}\n` : '';
  } catch (error) {
    await logHookFailure(options.env, name, error);
    return '';
  } finally {
    await coordinator?.close().catch(() => undefined);
  }
}

async function logHookFailure(env: NodeJS.ProcessEnv, name: string, error: unknown): Promise<void> {
  try {
    const dir = path.join(coordinatorHome(env), 'logs');
    fs.mkdirSync(dir, { recursive: true });
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    fs.appendFileSync(path.join(dir, 'hooks.log'), `${new Date().toISOString()} hook ${name} failed: ${message}\n`);
  } catch {
    // Logging must not fail the hook either.
  }
}
