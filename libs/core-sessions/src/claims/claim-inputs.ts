import * as v from 'valibot';
import { CLAIM_MODES } from './claim-mode';

/** A claim mode, exactly as spelled in {@link CLAIM_MODES}. */
export const ClaimModeSchema = v.picklist(CLAIM_MODES, 'must be one of EXCLUSIVE, SHARED and INTENT');

/** How long a claim lasts without a heartbeat, in seconds: a minute to a week. */
export const ClaimTtlSchema = v.pipe(
  v.number('must be a number of seconds'),
  v.integer('must be a whole number of seconds'),
  v.minValue(60, 'must be at least 60 seconds'),
  v.maxValue(604_800, 'must be at most 604800 seconds (a week)'),
);

/** A file path as a caller gives it: non-empty, no NUL bytes, not absurdly long. */
export const ClaimPathSchema = v.pipe(
  v.string('must be a path'),
  v.minLength(1, 'must not be empty'),
  v.maxLength(4096, 'must be at most 4096 characters'),
  v.check((s) => !s.includes('\0'), 'must not contain NUL bytes'),
  // Bytes that are not UTF-8 (in argv, say) reach Node as U+FFFD: the path named is not the one meant.
  v.check((s) => !s.includes('\uFFFD'), 'must not contain U+FFFD, the mark of bytes that are not valid UTF-8'),
);

/** A moment in time (a valid `Date`). */
export const ClaimTimeSchema = v.date('must be a valid Date');

/** The claim lifetime when none is given: a day. */
export const DEFAULT_CLAIM_TTL_SECONDS = 86_400;
