import { assertValidBranchName, WorktreeError } from '@parallel-cc/worktree-gtr';
import { SandboxError } from '../errors';
import { needsAnthropicAuth, sandboxAuth } from '../plan/auth';
import type { SandboxAuth } from '../plan/auth';
import { autoBranchName } from '../plan/branch-name';
import { timeoutPlan } from '../plan/timeout-plan';
import type { TimeoutPlan } from '../plan/timeout-plan';
import { DEFAULT_E2B_TEMPLATE } from '../sandbox/e2b-provider';
import type { RunSandboxOptions } from './run-types';

/** The default agent command of each provider (the local one never adds the permission flag). */
export const DEFAULT_AGENT_COMMAND = {
  e2b: ['claude', '-p', '--dangerously-skip-permissions'],
  local: ['claude', '-p'],
} as const;

/** Everything a run decides before it creates anything. */
export interface RunPlan {
  auth: SandboxAuth;
  branch: string | null;
  timeout: TimeoutPlan;
  template: string;
  command: string[];
}

/** Checks the options and credentials of a run and works out its branch, timeout and command; creates nothing. */
export function planRun(options: RunSandboxOptions, start: Date): RunPlan {
  if (options.prompt.trim() === '') throw new SandboxError('INVALID_INPUT', 'The prompt is empty: give the task to run.');
  const command = options.command ?? [...DEFAULT_AGENT_COMMAND[options.provider.name]];
  if (command.length === 0) throw new SandboxError('INVALID_INPUT', 'The agent command is empty: give at least the program to run.');
  const method = options.authMethod ?? 'api-key';
  const auth = needsAnthropicAuth(options.provider.name, command) ? sandboxAuth(method, options.env) : { method, envs: {}, files: [] };
  options.provider.checkCredentials?.();
  const wanted = options.branch ?? (options.gitLive ? 'auto' : null);
  let branch: string | null = null;
  if (wanted === 'auto') branch = autoBranchName(options.prompt, start);
  else if (wanted !== null) {
    try {
      branch = assertValidBranchName(wanted);
    } catch (error) {
      if (error instanceof WorktreeError) throw new SandboxError('INVALID_INPUT', error.message, { branch: wanted });
      throw error;
    }
  }
  if (options.gitLive?.targetBranch !== undefined) checkTargetBranch(options.gitLive.targetBranch);
  return { auth, branch, timeout: planTimeout(options), template: options.template ?? DEFAULT_E2B_TEMPLATE, command };
}

/** Refuses a pull request base that is not a valid branch name; it reaches `gh pr create --base`. */
export function checkTargetBranch(target: string): string {
  try {
    return assertValidBranchName(target, 'pull request base (target branch)');
  } catch (error) {
    if (error instanceof WorktreeError) throw new SandboxError('INVALID_INPUT', error.message, { targetBranch: target });
    throw error;
  }
}

function planTimeout(options: RunSandboxOptions): TimeoutPlan {
  const ms = options.timeoutMs;
  if (ms === undefined) return timeoutPlan(options.timeoutMinutes ?? 60);
  if (!(ms > 0)) throw new SandboxError('INVALID_INPUT', `The timeout ${ms} ms is not allowed: give a positive number.`, { timeoutMs: ms });
  const warn = (share: number) => ({ atMs: Math.round(ms * share), text: `${Math.round(share * 100)}% of the ${ms} ms limit used: the run is stopped at the limit.` });
  return { limitMs: ms, warnings: [warn(0.5), warn(0.83)] };
}
