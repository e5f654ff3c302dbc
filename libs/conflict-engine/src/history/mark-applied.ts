import * as v from 'valibot';
import { SEVERITY_OF } from '../classify/classification';
import { ConflictEngineError } from '../errors';
import type { HistoryDatabase } from './history-db';
import { historyStep } from './history-failure';
import { NowSchema, parseInput, SuggestionIdSchema } from './inputs';
import { resolveConflict } from './resolve-conflict';
import type { StoredSuggestion } from './stored-suggestion';
import { writeTransaction } from './write-transaction';

/** Which stored suggestion was applied, and when. */
export interface MarkAppliedOptions {
  suggestion: StoredSuggestion;
  now?: Date;
}

const OptionsSchema = v.object({ suggestion: v.object({ id: SuggestionIdSchema }, 'must be a stored suggestion'), now: NowSchema });

/**
 * Records that a stored suggestion was applied, in one transaction: its `applied_at`, and the
 * conflict it fixed resolved as `auto-fix` (the newest unresolved row of its file and refs, or a
 * new resolved row). The stored row is the record: repo, refs and path come from it, by id;
 * `SUGGESTION_NOT_FOUND` when no suggestion has that id.
 */
export async function markApplied(db: HistoryDatabase, options: MarkAppliedOptions): Promise<void> {
  const input = parseInput(OptionsSchema, options);
  const id = input.suggestion.id;
  const at = (input.now ?? new Date()).toISOString();
  await historyStep('mark a suggestion applied', () =>
    writeTransaction(db, async (trx) => {
      const row = await trx.selectFrom('auto_fix_suggestions').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) {
        throw new ConflictEngineError('SUGGESTION_NOT_FOUND', `No suggestion with id ${id} is recorded: record it with recordSuggestions first.`, {
          id,
        });
      }
      await trx.updateTable('auto_fix_suggestions').set({ applied_at: at }).where('id', '=', id).execute();
      await resolveConflict(trx, {
        repo: row.repo_path,
        ours: row.ours_ref,
        theirs: row.theirs_ref,
        path: row.file_path,
        resolution: 'auto-fix',
        strategy: row.strategy,
        suggestionId: row.id,
        at,
        classification: { class: row.conflict_class, severity: SEVERITY_OF[row.conflict_class], reason: row.description },
      });
    }),
  );
}
