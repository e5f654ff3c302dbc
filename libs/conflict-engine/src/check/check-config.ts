import { ConflictEngineError } from '../errors';
import { runGit } from '../git';

/** The merged-tree check a repository configured: `git config parallel-cc.check` and `parallel-cc.checkTimeout`. */
export interface CheckConfig {
  /** The shell command (`sh -c`), or null when none is configured. */
  command: string | null;
  /** `parallel-cc.checkTimeout` in milliseconds (the setting is in seconds), or null when unset. */
  timeoutMs: number | null;
}

/**
 * Reads the check a repository configured. The command is run by `sh -c` because the user wrote
 * it as a shell command on purpose (`git config parallel-cc.check "npx tsc --noEmit"`). A
 * timeout that is not a whole number of seconds is refused with `INVALID_INPUT`.
 */
export async function readCheckConfig(repo: string): Promise<CheckConfig> {
  const command = await configValue(repo, 'parallel-cc.check');
  const timeout = await configValue(repo, 'parallel-cc.checkTimeout');
  return { command: command?.trim() ? command.trim() : null, timeoutMs: timeout === null ? null : timeoutSeconds(timeout) * 1000 };
}

async function configValue(repo: string, key: string): Promise<string | null> {
  const result = await runGit(repo, ['config', '--get', key]);
  if (result.exitCode === 1) return null;
  if (result.exitCode !== 0) throw new ConflictEngineError('GIT_FAILED', `git config --get ${key} failed: ${result.stderr.trim()}`, { repo, key });
  return result.stdout.replace(/\n$/, '');
}

function timeoutSeconds(value: string): number {
  const seconds = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || seconds < 1 || !Number.isSafeInteger(seconds)) {
    const message = `parallel-cc.checkTimeout ${JSON.stringify(value)} is not valid: give a whole number of seconds, 1 or more.`;
    throw new ConflictEngineError('INVALID_INPUT', message, { key: 'parallel-cc.checkTimeout', value });
  }
  return seconds;
}
