import * as v from 'valibot';
import type { ConflictClass, Severity } from '../classify/classification';
import type { HistoryDatabase } from './history-db';
import { historyStep } from './history-failure';
import { FilePathSchema, LimitSchema, parseInput, RepoSchema } from './inputs';
import { kyselyRuntime } from './kysely-runtime';
import type { ResolutionKind } from './schema';

/** Filters of {@link conflictHistory}; all optional. */
export interface ConflictHistoryOptions {
  repo?: string;
  path?: string;
  /** How many entries at most: 1 to 1000, 50 by default. */
  limit?: number;
}

/** One recorded conflict (JSON-facing, camelCase): what was seen, and how it ended, if it has. */
export interface ConflictHistoryEntry {
  id: string;
  repo: string;
  ours: string;
  theirs: string;
  path: string;
  class: ConflictClass;
  severity: Severity;
  reason: string;
  detectedAt: string;
  resolution: ResolutionKind | null;
  strategy: string | null;
  suggestionId: string | null;
  resolvedAt: string | null;
}

const OptionsSchema = v.object({ repo: v.optional(RepoSchema), path: v.optional(FilePathSchema), limit: LimitSchema });

/** Recorded conflicts, newest first, filtered by repository and file path. */
export async function conflictHistory(
  db: HistoryDatabase,
  options: ConflictHistoryOptions = {},
): Promise<ConflictHistoryEntry[]> {
  const input = parseInput(OptionsSchema, options);
  const { sql } = kyselyRuntime();
  return historyStep('read the history', async () => {
    let query = db.selectFrom('conflict_resolutions').selectAll();
    if (input.repo !== undefined) query = query.where('repo_path', '=', input.repo);
    if (input.path !== undefined) query = query.where('file_path', '=', input.path);
    const rows = await query.orderBy('detected_at', 'desc').orderBy(sql`rowid`, 'desc').limit(input.limit).execute();
    return rows.map((row) => ({
      id: row.id,
      repo: row.repo_path,
      ours: row.ours_ref,
      theirs: row.theirs_ref,
      path: row.file_path,
      class: row.conflict_class,
      severity: row.severity,
      reason: row.reason,
      detectedAt: row.detected_at,
      resolution: row.resolution,
      strategy: row.strategy,
      suggestionId: row.suggestion_id,
      resolvedAt: row.resolved_at,
    }));
  });
}
