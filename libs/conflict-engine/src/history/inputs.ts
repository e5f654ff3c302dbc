import * as v from 'valibot';
import { repoPathProblem } from '@parallel-cc/git';
import { objectFormatOf } from '../apply/blob-id';
import type { ConflictClass, Severity } from '../classify/classification';
import { ConflictEngineError } from '../errors';
import type { ConfidenceFactor, FixStrategy } from '../suggest/fix-suggestion';

// Records over the union types: adding a member to a union fails to compile here until it is listed.
const STRATEGIES: Record<FixStrategy, true> = {
  whitespace: true,
  'import-order': true,
  'take-ours': true,
  'take-theirs': true,
  union: true,
  model: true,
};
const CLASSES: Record<ConflictClass, true> = { TRIVIAL: true, STRUCTURAL: true, CONCURRENT: true, SEMANTIC: true };
const SEVERITIES: Record<Severity, true> = { low: true, medium: true, high: true, critical: true };
const FACTORS: Record<ConfidenceFactor['name'], true> = { kind: true, parse: true, size: true, overlap: true, source: true };

function oneOf<T extends string>(options: Record<T, true>) {
  const names = Object.keys(options) as T[];
  return v.picklist(names, `must be one of ${names.join(', ')}`);
}

function text(what: string) {
  return v.pipe(
    v.string(`must be ${what}`),
    v.minLength(1, 'must not be empty'),
    v.check((s) => !s.includes('\0'), 'must not contain NUL bytes'),
  );
}

/** A repository path, stored as given: non-empty, no NUL. */
export const RepoSchema = text('a repository path');

/** A ref or commit id as the check was asked for: non-empty, no NUL. */
export const RefSchema = text('a ref or commit id');

/** A path inside the repository, as git names it. */
export const FilePathSchema = v.pipe(
  v.string('must be a path'),
  v.check(
    (p) => repoPathProblem(p) === null,
    (issue) => `must be a relative path such as src/app.ts (it ${repoPathProblem(issue.input as string)})`,
  ),
);

/** A suggestion id (content-stable, 12 hex digits from suggestFixes). */
export const SuggestionIdSchema = v.pipe(
  v.string('must be a suggestion id'),
  v.regex(/^[0-9A-Za-z][0-9A-Za-z_-]{0,127}$/, 'must be a suggestion id such as 3f9a0c12be47'),
);

/** One of the four conflict classes. */
export const ClassSchema = oneOf(CLASSES);

/** The parts of a classification the history keeps. */
export const ClassificationSchema = v.object({
  class: ClassSchema,
  severity: oneOf(SEVERITIES),
  reason: v.string('must be text'),
});

const BlobIdSchema = v.nullable(
  v.pipe(
    v.string('must be a blob id or null'),
    v.check((id) => objectFormatOf(id) !== null, 'must be a blob id (40 or 64 lowercase hex digits) or null'),
  ),
);

const UnitSchema = v.pipe(v.number('must be a number'), v.minValue(0, 'must be 0 or more'), v.maxValue(1, 'must be 1 or less'));

/** A whole {@link FixSuggestion}, as `recordSuggestions` stores it. */
export const FixSuggestionSchema = v.object({
  id: SuggestionIdSchema,
  path: FilePathSchema,
  class: ClassSchema,
  strategy: oneOf(STRATEGIES),
  description: v.string('must be text'),
  content: v.string('must be the whole file as text'),
  from: v.object({ base: BlobIdSchema, ours: BlobIdSchema, theirs: BlobIdSchema }),
  confidence: v.object({
    score: UnitSchema,
    factors: v.array(v.object({ name: oneOf(FACTORS), value: UnitSchema, note: v.string('must be text') })),
  }),
});

/** How a conflict was resolved. */
export const ResolutionSchema = v.picklist(['auto-fix', 'manual'], 'must be auto-fix or manual');

/** An optional clock reading: a valid Date. */
export const NowSchema = v.optional(v.date('must be a valid Date'));

/** How many history rows to return: 1 to 1000, 50 by default. */
export const LimitSchema = v.optional(
  v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be 1 or more'), v.maxValue(1000, 'must be at most 1000')),
  50,
);

/** Validates `value` against `schema`; a failure is an `INVALID_INPUT` error naming the field and its value. */
export function parseInput<S extends v.GenericSchema>(schema: S, value: unknown, what = 'options'): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const field = issue.path?.map((p) => String(p.key)).join('.') || what;
  const input: unknown = issue.input;
  const json = input === undefined ? 'nothing' : typeof input === 'number' ? String(input) : JSON.stringify(input);
  const shown = json.length > 80 ? `${json.slice(0, 77)}...` : json;
  throw new ConflictEngineError('INVALID_INPUT', `The ${field} ${shown} is not valid: it ${issue.message}.`, { field, value: input });
}
