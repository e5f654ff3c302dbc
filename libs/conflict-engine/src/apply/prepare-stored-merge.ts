import { ConflictEngineError } from '../errors';
import { appliedSuggestions } from '../history/applied-suggestions';
import { findSuggestion } from '../history/find-suggestion';
import type { HistoryDatabase } from '../history/history-db';
import { markApplied } from '../history/mark-applied';
import type { StoredSuggestion } from '../history/stored-suggestion';
import { prepareMerge } from './prepare-merge';
import type { PreparedMerge } from './prepare-merge';

/**
 * Applies the recorded suggestion `id` where git will use it: {@link prepareMerge} of its two
 * refs with it and with the fixes applied before for that merge's other files, then records it
 * applied. While other files of the merge still have no fix, the fix is recorded and the result
 * is `incomplete`; the commit is made by the apply that completes the set.
 * `SUGGESTION_NOT_FOUND` for an unknown id, `FILE_CHANGED` when the branches moved on.
 */
export async function prepareStoredMerge(db: HistoryDatabase, options: { id: string; now?: Date }): Promise<{ suggestion: StoredSuggestion; merge: PreparedMerge }> {
  const suggestion = await findSuggestion(db, options.id);
  if (!suggestion) {
    throw new ConflictEngineError('SUGGESTION_NOT_FOUND', `No suggestion has the id ${options.id}; suggest fixes again for current ids.`, { id: options.id });
  }
  const earlier = (await appliedSuggestions(db, suggestion)).filter((other) => other.path !== suggestion.path);
  const merge = await prepareMerge({ repo: suggestion.repo, ours: suggestion.ours, theirs: suggestion.theirs, fixes: [suggestion], earlier });
  if (suggestion.appliedAt !== null) return { suggestion, merge };
  const now = options.now ?? new Date();
  await markApplied(db, { suggestion, now });
  return { suggestion: { ...suggestion, appliedAt: now.toISOString() }, merge };
}
