import * as fs from 'node:fs';
import * as v from 'valibot';
import { immediateTransaction, readLegacyRows } from '@parallel-cc/core-sessions';
import { mergeDb } from '../db/merge-db';
import type { MergeCoordinator } from '../db/schema';
import { MergeDetectorError } from '../errors';

/** What {@link importLegacyMergeEvents} did with the earlier parallel-cc's merge events. */
export interface LegacyMergeImport {
  /** Rows in its `merge_events` table. */
  found: number;
  imported: number;
  /** Already recorded here (the same id, or the same repository, branch, target and tip). */
  duplicates: number;
  /** Rows missing a field an event needs, or with a time that cannot be read. */
  invalid: number;
}

const NonEmpty = v.pipe(v.string(), v.minLength(1));

// The earlier version's `merge_events` columns; `notification_sent` has no counterpart here.
const LegacyMergeEventSchema = v.object({
  id: NonEmpty,
  repo_path: NonEmpty,
  branch_name: NonEmpty,
  source_commit: NonEmpty,
  target_branch: v.optional(NonEmpty, 'main'),
  target_commit: NonEmpty,
  merged_at: v.nullish(v.string()),
  detected_at: v.nullish(v.string()),
});

/**
 * Copies the merge events of a database of the earlier single-package parallel-cc (the file
 * `updateDatabase` moved aside, opened read-only) into `coordinator`'s `merge_events`, keeping
 * their ids and their detected and merged times (as ISO-8601 UTC). Events already recorded are
 * skipped, so importing twice adds nothing. One transaction: all of them or none.
 */
export async function importLegacyMergeEvents(legacyFile: string, coordinator: MergeCoordinator): Promise<LegacyMergeImport> {
  if (typeof legacyFile !== 'string' || legacyFile === '') {
    throw new MergeDetectorError('INVALID_INPUT', 'The legacy database must be given as the path of its file.', { field: 'legacyFile' });
  }
  if (!fs.existsSync(legacyFile)) {
    throw new MergeDetectorError('NOT_FOUND', `The legacy database ${legacyFile} does not exist: give the file \`parallel-cc update\` moved aside.`, {
      path: legacyFile,
    });
  }
  const rows = readLegacyRows(legacyFile, 'merge_events');
  const report: LegacyMergeImport = { found: rows.length, imported: 0, duplicates: 0, invalid: 0 };
  if (rows.length === 0) return report;
  await immediateTransaction(coordinator.db, async (trx) => {
    for (const row of rows) {
      const parsed = v.safeParse(LegacyMergeEventSchema, row);
      const detectedAt = parsed.success ? (utcTime(parsed.output.detected_at) ?? utcTime(parsed.output.merged_at)) : null;
      if (!parsed.success || detectedAt === null) {
        report.invalid++;
        continue;
      }
      const event = parsed.output;
      const inserted = await mergeDb(trx)
        .insertInto('merge_events')
        .values({
          id: event.id,
          repo_path: event.repo_path,
          branch_name: event.branch_name,
          source_commit: event.source_commit,
          target_branch: event.target_branch,
          target_commit: event.target_commit,
          // The earlier version did not record how a branch was merged; ancestry (a merge commit or
          // a fast-forward) is the kind it detected.
          how: 'ancestor',
          detected_at: detectedAt,
          merged_at: utcTime(event.merged_at),
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) report.imported++;
      else report.duplicates++;
    }
  });
  return report;
}

/**
 * `text` as ISO-8601 UTC, or null. SQLite's `datetime('now')` (what the earlier version's column
 * defaults wrote) has no zone but is UTC.
 */
function utcTime(text: string | null | undefined): string | null {
  if (!text) return null;
  const zoneless = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text.trim());
  const ms = Date.parse(zoneless ? `${text.trim().replace(' ', 'T')}Z` : text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
