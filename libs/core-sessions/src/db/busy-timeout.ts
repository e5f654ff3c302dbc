/** How long a write waits for another process's lock before failing, in milliseconds. */
export const BUSY_TIMEOUT_MS = 15_000;

/**
 * The busy timeout to use: `PARALLEL_CC_BUSY_TIMEOUT_MS` when it is a whole number from 1 up,
 * else {@link BUSY_TIMEOUT_MS}. A bad value is ignored rather than fatal: every command reads it.
 */
export function busyTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.PARALLEL_CC_BUSY_TIMEOUT_MS?.trim() ?? '';
  if (!/^\d+$/.test(text)) return BUSY_TIMEOUT_MS;
  const value = Number(text);
  return value >= 1 && Number.isSafeInteger(value) ? value : BUSY_TIMEOUT_MS;
}
