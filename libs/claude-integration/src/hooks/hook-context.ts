import type { Coordinator } from '@parallel-cc/core-sessions';

/** What a hook handler works with, injected so tests can run handlers in-process. */
export interface HookContext {
  coordinator: Coordinator;
  env: NodeJS.ProcessEnv;
  /** The agent process that ran the hook (found by walking up from the hook). */
  agentPid: () => number;
}
