import type { HistoryDatabase } from './history-db';
import { historyStep } from './history-failure';
import { toStoredSuggestion } from './stored-suggestion';
import type { StoredSuggestion } from './stored-suggestion';

/** The suggestions applied for one merge (repository as recorded, and refs), newest first. */
export async function appliedSuggestions(db: HistoryDatabase, merge: { repo: string; ours: string; theirs: string }): Promise<StoredSuggestion[]> {
  return historyStep('list applied suggestions', async () => {
    const rows = await db
      .selectFrom('auto_fix_suggestions')
      .selectAll()
      .where('repo_path', '=', merge.repo)
      .where('ours_ref', '=', merge.ours)
      .where('theirs_ref', '=', merge.theirs)
      .where('applied_at', 'is not', null)
      .orderBy('applied_at', 'desc')
      .execute();
    return rows.map(toStoredSuggestion);
  });
}
