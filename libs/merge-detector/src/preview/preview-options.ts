import * as v from 'valibot';
import { parseInput, RepoPathSchema, SessionError } from '@parallel-cc/core-sessions';
import { MergeDetectorError } from '../errors';

/** Options of {@link previewSessionConflicts}. */
export interface PreviewOptions {
  /** Any folder of the repository whose live sessions to preview. */
  repoRoot: string;
  /** How many merge-tree processes run at once (1 to 16; default 2 to 4, by the machine's cores). */
  concurrency?: number;
  /** Classify each conflict (default true; false: one merge-tree process per check, see conflict-engine's `conflictMatrix`). */
  classify?: boolean;
  /** The time that decides which sessions are live or idle (default: now). */
  now?: Date;
  /** Compare each work tree's uncommitted work too, not only the branches (default true). */
  workInProgress?: boolean;
  /** Told as each check ends: how many have ended, of how many (see conflict-engine's `conflictMatrix`). */
  onCheck?: (done: number, total: number) => void;
}

const PreviewOptionsSchema = v.object({
  repoRoot: RepoPathSchema,
  concurrency: v.optional(
    v.pipe(
      v.number('must be a number'),
      v.integer('must be a whole number'),
      v.minValue(1, 'must be 1 or more'),
      v.maxValue(16, 'must be at most 16'),
    ),
  ),
  classify: v.optional(v.boolean('must be true or false')),
  now: v.optional(v.date('must be a valid Date')),
  workInProgress: v.optional(v.boolean('must be true or false')),
  onCheck: v.optional(v.function('must be a function')),
});

/** Validates {@link PreviewOptions}; else an `INVALID_INPUT` error naming the bad field. */
export function parsePreviewOptions(options: unknown): PreviewOptions {
  try {
    return parseInput(PreviewOptionsSchema, options, 'preview option');
  } catch (error) {
    // core-sessions' parseInput words the message; callers of this lib see one error class.
    if (error instanceof SessionError) throw new MergeDetectorError('INVALID_INPUT', error.message, error.data);
    throw error;
  }
}
