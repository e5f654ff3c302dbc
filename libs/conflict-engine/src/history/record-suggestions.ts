import * as v from 'valibot';
import type { FixSuggestion } from '../suggest/fix-suggestion';
import { batches } from './batches';
import type { HistoryDatabase } from './history-db';
import { historyStep } from './history-failure';
import { FixSuggestionSchema, NowSchema, parseInput, RefSchema, RepoSchema } from './inputs';
import type { AutoFixSuggestionsTable } from './schema';
import { writeTransaction } from './write-transaction';

/** What {@link recordSuggestions} stores: the suggestions made for one check of `theirs` into `ours`. */
export interface RecordSuggestionsOptions {
  repo: string;
  ours: string;
  theirs: string;
  suggestions: FixSuggestion[];
  now?: Date;
}

const OptionsSchema = v.object({
  repo: RepoSchema,
  ours: RefSchema,
  theirs: RefSchema,
  suggestions: v.array(FixSuggestionSchema, 'must be a list of fix suggestions'),
  now: NowSchema,
});

/**
 * Stores suggestions in `auto_fix_suggestions`. Ids are content-stable, so a suggestion already
 * stored (the same fix offered again) is left as it is, `created_at` and `applied_at` included.
 */
export async function recordSuggestions(db: HistoryDatabase, options: RecordSuggestionsOptions): Promise<void> {
  const input = parseInput(OptionsSchema, options);
  const createdAt = (input.now ?? new Date()).toISOString();
  const rows: AutoFixSuggestionsTable[] = input.suggestions.map((s) => ({
    id: s.id,
    repo_path: input.repo,
    ours_ref: input.ours,
    theirs_ref: input.theirs,
    file_path: s.path,
    conflict_class: s.class,
    strategy: s.strategy,
    description: s.description,
    content: s.content,
    base_oid: s.from.base,
    ours_oid: s.from.ours,
    theirs_oid: s.from.theirs,
    confidence: s.confidence.score,
    factors: JSON.stringify(s.confidence.factors),
    created_at: createdAt,
    applied_at: null,
  }));
  if (rows.length === 0) return;
  await historyStep('record suggestions', () =>
    writeTransaction(db, async (trx) => {
      for (const batch of batches(rows)) {
        await trx
          .insertInto('auto_fix_suggestions')
          .values(batch)
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
    }),
  );
}
