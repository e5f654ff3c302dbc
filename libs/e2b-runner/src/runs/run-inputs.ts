import * as path from 'node:path';
import * as v from 'valibot';
import { parseInput, PidSchema, RepoPathSchema, SessionError, SessionIdSchema } from '@parallel-cc/core-sessions';
import { SandboxError } from '../errors';

/** A run's status. */
export const RunStatusSchema = v.picklist(
  ['pending', 'uploading', 'running', 'downloading', 'completed', 'failed', 'timed_out', 'killed'],
  'must be one of pending, uploading, running, downloading, completed, failed, timed_out, killed',
);

const NonEmpty = v.pipe(v.string('must be text'), v.minLength(1, 'must not be empty'));
const Timestamp = v.pipe(v.string('must be text'), v.isoTimestamp('must be an ISO-8601 time such as 2025-01-31T12:00:00.000Z'));

/** What {@link createRun} takes. */
export const CreateRunSchema = v.strictObject({
  id: v.optional(SessionIdSchema),
  sessionId: SessionIdSchema,
  provider: v.picklist(['e2b', 'local'], 'must be e2b or local'),
  prompt: NonEmpty,
  logPath: v.pipe(RepoPathSchema, v.check((p) => path.isAbsolute(p), 'must be an absolute path')),
  runnerPid: v.optional(PidSchema),
});

/** What {@link updateRun} may change. */
export const RunPatchSchema = v.strictObject({
  status: v.optional(RunStatusSchema),
  sandboxId: v.optional(v.nullable(NonEmpty)),
  startedAt: v.optional(Timestamp),
  endedAt: v.optional(Timestamp),
  exitCode: v.optional(v.nullable(v.pipe(v.number('must be a number'), v.integer('must be a whole number')))),
  branch: v.optional(v.nullable(NonEmpty)),
  prUrl: v.optional(v.nullable(v.pipe(v.string('must be text'), v.url('must be a URL such as https://github.com/o/r/pull/1')))),
  error: v.optional(v.nullable(v.string('must be text'))),
});

/** A run id: a UUID. */
export const RunIdSchema = SessionIdSchema;

/** Validates `value` against `schema`; a failure is an `INVALID_INPUT` SandboxError naming the field and value. */
export function parseRunInput<S extends v.GenericSchema>(schema: S, value: unknown, what: string): v.InferOutput<S> {
  try {
    return parseInput(schema, value, what);
  } catch (error) {
    if (error instanceof SessionError) throw new SandboxError('INVALID_INPUT', error.message, error.data);
    throw error;
  }
}
