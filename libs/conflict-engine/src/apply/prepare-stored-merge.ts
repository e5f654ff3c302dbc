import { ConflictEngineError } from '../errors';
import { appliedSuggestions } from '../history/applied-suggestions';
import { findSuggestion } from '../history/find-suggestion';
import type { HistoryDatabase } from '../history/history-db';
import { markApplied } from '../history/mark-applied';
import type { StoredSuggestion } from '../history/stored-suggestion';
import { snapshotRefs } from '../snapshot/snapshot-refs';
import { prepareMerge } from './prepare-merge';
import type { PreparedMerge } from './prepare-merge';
import { worktreeOfBranch } from './worktree-of-branch';

/**
 * Applies the recorded suggestion `id` where git will use it: {@link prepareMerge} of its two
 * refs with it and with the fixes applied before for that merge's other files, then records it
 * applied. While other files of the merge still have no fix, the fix is recorded and the result
 * is `incomplete`; the commit is made by the apply that completes the set. `oursCheckout` is the
 * folder where the branch merged into is checked out (where to fast-forward it), or null.
 * `SUGGESTION_NOT_FOUND` for an unknown id, `FILE_CHANGED` when the branches moved on,
 * `UNCOMMITTED_WORK` when a side was a work tree's uncommitted work (a snapshot no branch holds).
 */
export async function prepareStoredMerge(
  db: HistoryDatabase,
  options: { id: string; now?: Date },
): Promise<{ suggestion: StoredSuggestion; merge: PreparedMerge; oursCheckout: string | null }> {
  const suggestion = await findSuggestion(db, options.id);
  if (!suggestion) {
    throw new ConflictEngineError('SUGGESTION_NOT_FOUND', `No suggestion has the id ${options.id}; suggest fixes again for current ids.`, { id: options.id });
  }
  const snapshots = await snapshotRefs(suggestion.repo, [suggestion.ours, suggestion.theirs]);
  if (snapshots.length > 0) {
    throw new ConflictEngineError(
      'UNCOMMITTED_WORK',
      `Fix ${suggestion.id} for ${suggestion.path} was suggested from uncommitted work (${snapshots.map((s) => s.slice(0, 12)).join(' and ')}, ` +
        'a snapshot of a work tree that no branch holds), so there is no branch to prepare a merge for. Commit that work and suggest ' +
        'fixes again, or write this fix into the checkout with --worktree; nothing changed.',
      { id: suggestion.id, snapshots },
    );
  }
  const earlier = (await appliedSuggestions(db, suggestion)).filter((other) => other.path !== suggestion.path);
  const [merge, oursCheckout] = await Promise.all([
    prepareMerge({ repo: suggestion.repo, ours: suggestion.ours, theirs: suggestion.theirs, fixes: [suggestion], earlier }),
    suggestion.ours === 'HEAD' ? suggestion.repo : worktreeOfBranch(suggestion.repo, suggestion.ours.replace(/^refs\/heads\//, '')),
  ]);
  if (suggestion.appliedAt !== null) return { suggestion, merge, oursCheckout };
  const now = options.now ?? new Date();
  await markApplied(db, { suggestion, now });
  return { suggestion: { ...suggestion, appliedAt: now.toISOString() }, merge, oursCheckout };
}
