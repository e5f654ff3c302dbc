import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SandboxProviderName } from '../db/schema';
import { SandboxError } from '../errors';

/** How the agent in the sandbox authenticates with Anthropic. */
export type AuthMethod = 'api-key' | 'oauth';

/** What reaches the sandbox for authentication: environment, and files written there with mode 0600. */
export interface SandboxAuth {
  method: AuthMethod;
  envs: Record<string, string>;
  files: Array<{ path: string; data: Buffer; mode: 0o600 }>;
}

/**
 * Checks the credentials a run needs before anything is created or uploaded: `api-key` takes
 * ANTHROPIC_API_KEY from `env`; `oauth` reads `~/.claude/.credentials.json` (made by `/login` in
 * Claude Code), to be copied into the sandbox's home with mode 0600. Secrets stay out of
 * messages. Throws `AUTH_MISSING` with what to do.
 */
export function sandboxAuth(method: AuthMethod, env: NodeJS.ProcessEnv, sandboxHome = '/home/user'): SandboxAuth {
  if (method === 'api-key') {
    const key = env['ANTHROPIC_API_KEY']?.trim();
    if (!key) {
      throw new SandboxError(
        'AUTH_MISSING',
        'ANTHROPIC_API_KEY is not set: export it (for --auth-method api-key, the default), or log in to Claude Code with /login and use --auth-method oauth.',
      );
    }
    return { method, envs: { ANTHROPIC_API_KEY: key }, files: [] };
  }
  const home = env['HOME'] ?? '';
  const file = path.join(home, '.claude', '.credentials.json');
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    throw new SandboxError(
      'AUTH_MISSING',
      `${file} does not exist: run claude, log in with /login, exit, and try again (or use --auth-method api-key with ANTHROPIC_API_KEY).`,
      { file },
    );
  }
  return { method, envs: {}, files: [{ path: `${sandboxHome}/.claude/.credentials.json`, data, mode: 0o600 }] };
}

/**
 * Whether a run needs Anthropic credentials: always in E2B (whose default agent is Claude Code),
 * and on the local provider only when the agent's program is `claude` (any other agent, such as a
 * script, runs with the user's own environment and may need nothing).
 */
export function needsAnthropicAuth(provider: SandboxProviderName, command: readonly string[]): boolean {
  return provider === 'e2b' || path.basename(command[0] ?? '') === 'claude';
}
