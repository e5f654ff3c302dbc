import { SandboxError } from '../errors';

/** Where E2B API keys are made. */
export const E2B_KEYS_URL = 'https://e2b.dev/dashboard';

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/**
 * The exit code a failed SDK command call carries (`CommandExitError`: the command ran and
 * exited non-zero, which is a result), or null for any other error.
 */
export function commandExitCode(error: unknown): number | null {
  const e = error as { name?: unknown; exitCode?: unknown } | null;
  return e?.name === 'CommandExitError' && typeof e.exitCode === 'number' ? e.exitCode : null;
}

/**
 * An error of the E2B SDK (or of the network under it) as a {@link SandboxError} with a stable
 * code and a message that says what to do. `action` completes "while trying to …"; every string
 * in `secrets` (the API key, secret envs) is blanked out of whatever the SDK said.
 */
export function fromE2BError(error: unknown, action: string, secrets: string[] = []): SandboxError {
  if (error instanceof SandboxError) return error;
  const e = (error ?? {}) as { name?: unknown; message?: unknown; code?: unknown; cause?: { code?: unknown } };
  const name = typeof e.name === 'string' ? e.name : '';
  const detail = scrub(typeof e.message === 'string' ? e.message : String(error), secrets);
  const data = { action, sdkError: name, detail };
  if (name === 'AuthenticationError') {
    return new SandboxError(
      'AUTH_FAILED',
      `E2B rejected the API key: set E2B_API_KEY to a valid key (${E2B_KEYS_URL}), or run with --provider local.`,
      data,
    );
  }
  if (name === 'AbortError') return new SandboxError('ABORTED', `Stopped while trying to ${action}: the run was aborted.`, data);
  if (name === 'TimeoutError') {
    return new SandboxError('TIMEOUT', `E2B timed out while trying to ${action}: the sandbox reached its time limit or stopped answering.`, data);
  }
  if (/NotFoundError$/.test(name)) return new SandboxError('NOT_FOUND', `E2B could not ${action}: ${detail}`, data);
  const networkCode = [e.code, e.cause?.code].find((c): c is string => typeof c === 'string' && NETWORK_CODES.has(c));
  if (networkCode || (name === 'TypeError' && detail === 'fetch failed')) {
    return new SandboxError(
      'NETWORK',
      `Could not reach E2B to ${action}${networkCode ? ` (${networkCode})` : ''}: check the network connection and try again.`,
      { ...data, networkCode },
    );
  }
  return new SandboxError('PROVIDER_FAILED', `E2B failed to ${action}: ${detail}`, data);
}

/** `text` with every secret (of 4 characters or more) replaced by `***`. */
export function scrub(text: string, secrets: string[]): string {
  return secrets.filter((s) => s.length >= 4).reduce((out, secret) => out.split(secret).join('***'), text);
}
