import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Classification } from '../classify/classification';
import { ConflictEngineError } from '../errors';
import { kyselyRuntime } from './kysely-runtime';
import type { ConflictEngineTables, ResolutionKind } from './schema';

/** How one file's conflict between two refs ended, for {@link resolveConflict}. */
export interface ConflictOutcome {
  repo: string;
  ours: string;
  theirs: string;
  path: string;
  resolution: ResolutionKind;
  strategy: string | null;
  suggestionId: string | null;
  at: string;
  /** What to record when no detection of the conflict was recorded; without it, that is an error. */
  classification?: Pick<Classification, 'class' | 'severity' | 'reason'>;
}

/**
 * Marks the newest unresolved `conflict_resolutions` row of that file (same repo and refs)
 * resolved, or inserts a resolved row when there is none; returns the row's id. Run it inside a
 * write transaction: it reads, then writes.
 */
export async function resolveConflict(trx: Kysely<ConflictEngineTables>, outcome: ConflictOutcome): Promise<string> {
  const { sql } = kyselyRuntime();
  const resolved = {
    resolution: outcome.resolution,
    strategy: outcome.strategy,
    suggestion_id: outcome.suggestionId,
    resolved_at: outcome.at,
  };
  const open = await trx
    .selectFrom('conflict_resolutions')
    .select('id')
    .where('repo_path', '=', outcome.repo)
    .where('ours_ref', '=', outcome.ours)
    .where('theirs_ref', '=', outcome.theirs)
    .where('file_path', '=', outcome.path)
    .where('resolution', 'is', null)
    // rowid: rows detected in the same millisecond, the latest written first.
    .orderBy('detected_at', 'desc')
    .orderBy(sql`rowid`, 'desc')
    .limit(1)
    .executeTakeFirst();
  if (open) {
    await trx.updateTable('conflict_resolutions').set(resolved).where('id', '=', open.id).execute();
    return open.id;
  }
  const classification = outcome.classification;
  if (!classification) {
    throw new ConflictEngineError(
      'INVALID_INPUT',
      `No unresolved conflict of ${outcome.path} between ${outcome.ours} and ${outcome.theirs} is recorded for ${outcome.repo}; give its classification to record the resolution anyway.`,
      { field: 'classification', path: outcome.path },
    );
  }
  const id = randomUUID();
  await trx
    .insertInto('conflict_resolutions')
    .values({
      id,
      repo_path: outcome.repo,
      ours_ref: outcome.ours,
      theirs_ref: outcome.theirs,
      file_path: outcome.path,
      conflict_class: classification.class,
      severity: classification.severity,
      reason: classification.reason,
      detected_at: outcome.at,
      ...resolved,
    })
    .execute();
  return id;
}
