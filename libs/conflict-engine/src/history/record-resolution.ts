import * as v from 'valibot';
import type { Classification } from '../classify/classification';
import type { HistoryDatabase } from './history-db';
import { historyStep } from './history-failure';
import { ClassificationSchema, FilePathSchema, NowSchema, parseInput, RefSchema, RepoSchema, ResolutionSchema } from './inputs';
import { resolveConflict } from './resolve-conflict';
import type { ResolutionKind } from './schema';
import { writeTransaction } from './write-transaction';

/** How one file's conflict between two refs was resolved. */
export interface RecordResolutionOptions {
  repo: string;
  ours: string;
  theirs: string;
  path: string;
  resolution: ResolutionKind;
  strategy?: string;
  /** Recorded when no detection of this conflict was recorded; required then. */
  classification?: Pick<Classification, 'class' | 'severity' | 'reason'>;
  now?: Date;
}

const OptionsSchema = v.object({
  repo: RepoSchema,
  ours: RefSchema,
  theirs: RefSchema,
  path: FilePathSchema,
  resolution: ResolutionSchema,
  strategy: v.optional(v.pipe(v.string('must be text'), v.minLength(1, 'must not be empty'))),
  classification: v.optional(ClassificationSchema),
  now: NowSchema,
});

/**
 * Marks the newest unresolved conflict of `path` (same repo and refs) resolved, or records a
 * resolved one from `classification` when none was detected (`INVALID_INPUT` without it);
 * returns the row's id.
 */
export async function recordResolution(db: HistoryDatabase, options: RecordResolutionOptions): Promise<string> {
  const input = parseInput(OptionsSchema, options);
  const at = (input.now ?? new Date()).toISOString();
  return historyStep('record a resolution', () =>
    writeTransaction(db, (trx) =>
      resolveConflict(trx, {
        repo: input.repo,
        ours: input.ours,
        theirs: input.theirs,
        path: input.path,
        resolution: input.resolution,
        strategy: input.strategy ?? null,
        suggestionId: null,
        at,
        ...(input.classification ? { classification: input.classification } : {}),
      }),
    ),
  );
}
