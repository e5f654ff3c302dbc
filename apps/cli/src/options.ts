import { UsageError } from 'clipanion';

/** Turns a `--pid` value into a number, refusing anything but a whole number from 1 up. */
export function parsePid(value: string, flag = '--pid'): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`${flag} ${shown(value)} is not a process id: use a whole number from 1 up.`);
  }
  return Number(value);
}

/** The session a command means: `--pid` or `--session-id` (exactly one), else PARALLEL_CC_SESSION_ID when allowed. */
export function sessionSelector(
  options: { pid?: string; sessionId?: string },
  env: NodeJS.ProcessEnv,
  allowEnv = false,
): { pid: number } | { sessionId: string } {
  if (options.pid !== undefined && options.sessionId !== undefined) {
    throw new UsageError('Give either --pid or --session-id, not both.');
  }
  if (options.pid !== undefined) return { pid: parsePid(options.pid) };
  if (options.sessionId !== undefined) return { sessionId: options.sessionId };
  if (allowEnv && env.PARALLEL_CC_SESSION_ID) return { sessionId: env.PARALLEL_CC_SESSION_ID };
  throw new UsageError(
    allowEnv
      ? 'Name the session with --pid or --session-id (or run inside a session, where PARALLEL_CC_SESSION_ID is set).'
      : 'Name the session with --pid <n> or --session-id <id>.',
  );
}

/** A whole number from 1 up from an option's text, or a usage error naming the flag. */
export function parsePositiveInt(value: string, flag: string): number {
  return parseWholeNumber(value, flag, 1);
}

/** A whole number from `min` up from an option's text, or a usage error naming the flag. */
export function parseWholeNumber(value: string, flag: string, min = 0): number {
  if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`${flag} ${shown(value)} is not valid: use a whole number from ${min} up.`);
  }
  return Number(value);
}

/** An option's value quoted for a message, cut short when it is long. */
function shown(value: string): string {
  return `"${value.length > 80 ? `${value.slice(0, 80)}…` : value}"`;
}

/** Refuses options that contradict each other when more than one of them is given, saying why. */
export function notTogether(flags: Record<string, boolean>, why: string): void {
  const given = Object.keys(flags).filter((flag) => flags[flag]);
  if (given.length > 1) throw new UsageError(`${given.join(' and ')} cannot be used together: ${why}.`);
}

/** Refuses an option given without the one it only works with. */
export function requireWith(flag: string, given: boolean, needed: string, neededGiven: boolean): void {
  if (given && !neededGiven) throw new UsageError(`${flag} only works with ${needed}.`);
}
