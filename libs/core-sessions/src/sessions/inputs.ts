import * as v from 'valibot';
import { SessionError } from '../errors';

/** A process id: a whole number from 1 up. */
export const PidSchema = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number'),
  v.minValue(1, 'must be 1 or more'),
  v.maxValue(4_194_304, 'is larger than any process id'),
);

/** A session id: a UUID as `crypto.randomUUID()` makes them. */
export const SessionIdSchema = v.pipe(v.string(), v.uuid('must be a UUID such as 123e4567-e89b-12d3-a456-426614174000'));

/** A repository path: a non-empty string without NUL bytes. */
export const RepoPathSchema = v.pipe(
  v.string('must be a path'),
  v.minLength(1, 'must not be empty'),
  v.check((s) => !s.includes('\0'), 'must not contain NUL bytes'),
  // Bytes that are not UTF-8 (in argv, say) reach Node as U+FFFD: the path named is not the one meant.
  v.check((s) => !s.includes('\uFFFD'), 'must not contain U+FFFD, the mark of bytes that are not valid UTF-8'),
);

/** A session chosen by process id (the wrapper's or its agent's) or by session id. */
export type SessionSelector = { pid: number } | { sessionId: string };

/** Validates a selector: exactly one of `pid` and `sessionId`. */
export function parseSelector(selector: SessionSelector): SessionSelector {
  const hasPid = 'pid' in selector && selector.pid !== undefined;
  const hasId = 'sessionId' in selector && selector.sessionId !== undefined;
  if (hasPid === hasId) {
    throw new SessionError('INVALID_INPUT', 'Name the session by exactly one of a PID and a session id.', {});
  }
  return 'pid' in selector
    ? { pid: parseInput(PidSchema, selector.pid, 'PID') }
    : { sessionId: parseInput(SessionIdSchema, selector.sessionId, 'session id') };
}

/** Validates `value` against `schema`; a failure is an `INVALID_INPUT` error naming the field and value. */
export function parseInput<S extends v.GenericSchema>(schema: S, value: unknown, what: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const key = issue?.path?.map((p) => String(p.key)).join('.');
  const field = key ? `${what} ${key}` : what;
  const input: unknown = issue?.input;
  // JSON.stringify shows NaN and Infinity as `null`: numbers are shown as they are.
  const full = input === undefined ? 'nothing' : typeof input === 'number' ? String(input) : JSON.stringify(input);
  // A value of 100,000 characters is named by its start, not echoed whole.
  const shown = full.length > 100 ? `${full.slice(0, 80)}…` : full;
  throw new SessionError('INVALID_INPUT', `The ${field} ${shown} is not valid: it ${issue?.message ?? 'is malformed'}.`, {
    field,
    value: issue?.input,
  });
}
