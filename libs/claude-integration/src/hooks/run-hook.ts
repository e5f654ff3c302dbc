import type { Coordinator } from '@parallel-cc/core-sessions';
import { agentPid } from './agent-pid';
import type { HookContext } from './hook-context';
import { parseHookInput } from './hook-input';
import type { HookInput } from './hook-input';
import type { HookOutput } from './hook-output';
import { handlePostToolUse } from './post-tool-use';
import { handleSessionEnd } from './session-end';
import { handleSessionStart } from './session-start';
import { openCoordinator } from '@parallel-cc/core-sessions';
import { logHookFailure } from '@parallel-cc/core-sessions';
import { runEditGuard } from './pre-tool-use';

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
  // The edit guard runs before every edit: synchronous, on better-sqlite3 alone.
  if (name === 'pre-tool-use') return runEditGuard(stdin, { env: options.env });
  const handler = HOOK_HANDLERS[name];
  const input = parseHookInput(stdin);
  if (!handler || !input) return '';
  let coordinator: Coordinator | undefined;
  try {
    coordinator = await openCoordinator({ env: options.env });
    const output = await handler({ coordinator, env: options.env, agentPid: options.agentPid ?? (() => agentPid()) }, input);
    return output ? `${JSON.stringify(output)}\n` : '';
  } catch (error) {
    logHookFailure(options.env, name, error);
    return '';
  } finally {
    await coordinator?.close().catch(() => undefined);
  }
}
