import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import type { Classification } from '../classify/classification';
import { batches } from './batches';
import type { HistoryDatabase } from './history-db';
import { historyStep } from './history-failure';
import { ClassificationSchema, FilePathSchema, NowSchema, parseInput, RefSchema, RepoSchema } from './inputs';
import type { ConflictResolutionsTable } from './schema';
import { writeTransaction } from './write-transaction';

/** What {@link recordConflicts} stores: one check of `theirs` into `ours`, and its classified files. */
export interface RecordConflictsOptions {
  repo: string;
  ours: string;
  theirs: string;
  conflicts: Array<{ path: string; classification: Classification }>;
  now?: Date;
}

const OptionsSchema = v.object({
  repo: RepoSchema,
  ours: RefSchema,
  theirs: RefSchema,
  conflicts: v.array(v.object({ path: FilePathSchema, classification: ClassificationSchema }), 'must be a list of conflicts'),
  now: NowSchema,
});

/**
 * Records each conflicted file as an unresolved `conflict_resolutions` row (all or none); returns
 * their ids, in order. A file whose conflict between the same refs is recorded and still
 * unresolved is the same conflict seen again: its row is kept (with the latest classification),
 * not repeated, so that the history counts conflicts, not checks.
 */
export async function recordConflicts(db: HistoryDatabase, options: RecordConflictsOptions): Promise<string[]> {
  const input = parseInput(OptionsSchema, options);
  const detectedAt = (input.now ?? new Date()).toISOString();
  const rows: ConflictResolutionsTable[] = input.conflicts.map((conflict) => ({
    id: randomUUID(),
    repo_path: input.repo,
    ours_ref: input.ours,
    theirs_ref: input.theirs,
    file_path: conflict.path,
    conflict_class: conflict.classification.class,
    severity: conflict.classification.severity,
    reason: conflict.classification.reason,
    detected_at: detectedAt,
    resolution: null,
    strategy: null,
    suggestion_id: null,
    resolved_at: null,
  }));
  if (rows.length === 0) return [];
  return historyStep('record conflicts', () =>
    writeTransaction(db, async (trx) => {
      const open = new Map<string, string>();
      for (const batch of batches(rows)) {
        const found = await trx
          .selectFrom('conflict_resolutions')
          .select(['id', 'file_path'])
          .where('repo_path', '=', input.repo)
          .where('ours_ref', '=', input.ours)
          .where('theirs_ref', '=', input.theirs)
          .where('resolution', 'is', null)
          .where('file_path', 'in', batch.map((row) => row.file_path))
          .execute();
        for (const row of found) open.set(row.file_path, row.id);
      }
      const fresh = rows.filter((row) => !open.has(row.file_path));
      for (const batch of batches(fresh)) await trx.insertInto('conflict_resolutions').values(batch).execute();
      for (const { file_path, conflict_class, severity, reason } of rows) {
        const id = open.get(file_path);
        if (id !== undefined) await trx.updateTable('conflict_resolutions').set({ conflict_class, severity, reason }).where('id', '=', id).execute();
      }
      return rows.map((row) => open.get(row.file_path) ?? row.id);
    }),
  );
}
