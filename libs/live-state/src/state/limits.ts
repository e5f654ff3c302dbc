import { LiveStateError } from '../errors';
import type { LiveStateOptions } from './read-options';

/** The bounds a state is read with. */
export interface StateLimits {
  timelineLimit: number;
  logTailBytes: number;
}

/** The options' bounds, defaults filled in; a bad one is an `INVALID_INPUT` error naming it. */
export function checkLimits(options: Pick<LiveStateOptions, 'timelineLimit' | 'logTailBytes'>): StateLimits {
  const timelineLimit = options.timelineLimit ?? 1000;
  const logTailBytes = options.logTailBytes ?? 4096;
  check('timelineLimit', timelineLimit, 1, 10_000);
  check('logTailBytes', logTailBytes, 0, 1_048_576);
  return { timelineLimit, logTailBytes };
}

function check(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new LiveStateError('INVALID_INPUT', `The ${name} ${String(value)} is not valid: give a whole number from ${min} to ${max}.`, { [name]: value });
  }
}
