import { plural } from '@parallel-cc/core-sessions';
import { SandboxError } from '../errors';

/** The shortest and longest run a sandbox may have, in minutes. */
export const TIMEOUT_LIMITS = { min: 10, max: 60, default: 60 } as const;

/** When to warn, and when to stop, a run of `minutes`: at 50% and 83% of it, and at the limit. */
export interface TimeoutPlan {
  limitMs: number;
  warnings: Array<{ atMs: number; text: string }>;
}

/** The warnings (50% and 83%) and the hard stop of a run; `minutes` must lie in {@link TIMEOUT_LIMITS}. */
export function timeoutPlan(minutes: number): TimeoutPlan {
  if (!Number.isInteger(minutes) || minutes < TIMEOUT_LIMITS.min || minutes > TIMEOUT_LIMITS.max) {
    throw new SandboxError(
      'INVALID_INPUT',
      `The timeout ${String(minutes)} is not allowed: give whole minutes from ${TIMEOUT_LIMITS.min} to ${TIMEOUT_LIMITS.max}.`,
      { minutes },
    );
  }
  const limitMs = minutes * 60_000;
  const warn = (share: number) => {
    const left = Math.round(minutes * (1 - share));
    return { atMs: Math.round(limitMs * share), text: `${Math.round(minutes * share)} of ${minutes} minutes used: the run is stopped in ${plural(left, 'minute')}.` };
  };
  return { limitMs, warnings: [warn(0.5), warn(0.83)] };
}
