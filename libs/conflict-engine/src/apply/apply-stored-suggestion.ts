import type { Kysely } from 'kysely';
import { ConflictEngineError } from '../errors';
import { findSuggestion } from '../history/find-suggestion';
import { markApplied } from '../history/mark-applied';
import type { ConflictEngineTables } from '../history/schema';
import type { StoredSuggestion } from '../history/stored-suggestion';
import { applyFix } from './apply-fix';
import type { AppliedFix } from './apply-fix';
import { worktreeOfBranch } from './worktree-of-branch';

/** Which recorded suggestion to apply, and optionally where. */
export interface ApplyStoredOptions {
  id: string;
  /** The work tree to write in; default: where the suggestion's `ours` branch is checked out. */
  worktree?: string;
}

/**
 * Applies a suggestion recorded by {@link recordSuggestions} into the work tree of its `ours`
 * branch (see {@link applyFix} for the checks and the backup) and records it applied.
 * `SUGGESTION_NOT_FOUND` for an unknown id, `NO_WORKTREE` when `ours` is checked out nowhere.
 */
export async function applyStoredSuggestion<DB extends ConflictEngineTables>(
  db: Kysely<DB>,
  options: ApplyStoredOptions,
): Promise<{ suggestion: StoredSuggestion; applied: AppliedFix }> {
  const suggestion = await findSuggestion(db, options.id);
  if (!suggestion) {
    throw new ConflictEngineError('SUGGESTION_NOT_FOUND', `No suggestion has the id ${options.id}; list them again with --suggest.`, { id: options.id });
  }
  const worktree = options.worktree ?? (await worktreeOfBranch(suggestion.repo, suggestion.ours));
  if (!worktree) {
    throw new ConflictEngineError(
      'NO_WORKTREE',
      `${suggestion.ours} is not checked out in any worktree of ${suggestion.repo}; check it out, or name the folder to write in.`,
      { id: suggestion.id, ours: suggestion.ours, repo: suggestion.repo },
    );
  }
  const applied = await applyFix({ worktree, suggestion });
  await markApplied(db, { suggestion });
  return { suggestion, applied };
}
