import type { HistoryDatabase } from './history-db';
import { historyStep } from './history-failure';
import { parseInput, SuggestionIdSchema } from './inputs';
import { toStoredSuggestion } from './stored-suggestion';
import type { StoredSuggestion } from './stored-suggestion';

/** The stored suggestion with id `id`, or null when none was recorded. */
export async function findSuggestion(db: HistoryDatabase, id: string): Promise<StoredSuggestion | null> {
  const key = parseInput(SuggestionIdSchema, id, 'suggestion id');
  return historyStep('find a suggestion', async () => {
    const row = await db.selectFrom('auto_fix_suggestions').selectAll().where('id', '=', key).executeTakeFirst();
    return row ? toStoredSuggestion(row) : null;
  });
}
