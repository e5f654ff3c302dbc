import * as fs from 'node:fs';
import { ConflictEngineError } from '../errors';
import { runGit } from '../git';
import { findSuggestion } from '../history/find-suggestion';
import { markApplied } from '../history/mark-applied';
import type { HistoryDatabase } from '../history/history-db';
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
 * branch (see {@link applyFix} for the checks and the backup) and records it applied; the
 * returned `suggestion.appliedAt` says when. Applying it again while the file still holds it
 * writes and records nothing (`applied.alreadyApplied`). `SUGGESTION_NOT_FOUND` for an unknown
 * id, `NO_WORKTREE` when `ours` is checked out nowhere.
 */
export async function applyStoredSuggestion(
  db: HistoryDatabase,
  options: ApplyStoredOptions,
): Promise<{ suggestion: StoredSuggestion; applied: AppliedFix }> {
  const suggestion = await findSuggestion(db, options.id);
  if (!suggestion) {
    throw new ConflictEngineError('SUGGESTION_NOT_FOUND', `No suggestion has the id ${options.id}; suggest fixes again for current ids.`, { id: options.id });
  }
  const worktree = options.worktree !== undefined ? await topOfWorktreeOf(options.worktree, suggestion.repo) : await worktreeOfBranch(suggestion.repo, suggestion.ours);
  if (!worktree) {
    throw new ConflictEngineError(
      'NO_WORKTREE',
      `${suggestion.ours} is not checked out in any worktree of ${suggestion.repo}; check it out, or name the folder to write in.`,
      { id: suggestion.id, ours: suggestion.ours, repo: suggestion.repo },
    );
  }
  const applied = await applyFix({ worktree, suggestion }).catch((error: unknown) => {
    throw changedSinceApplied(error, suggestion);
  });
  if (applied.alreadyApplied) return { suggestion, applied };
  const now = new Date();
  await markApplied(db, { suggestion, now });
  return { suggestion: { ...suggestion, appliedAt: now.toISOString() }, applied };
}

/** A fix that was applied and then edited over: say when it was applied, not only that the file changed. */
function changedSinceApplied(error: unknown, suggestion: StoredSuggestion): unknown {
  if (!(error instanceof ConflictEngineError) || error.code !== 'FILE_CHANGED' || suggestion.appliedAt === null) return error;
  const message = `Fix ${suggestion.id} was applied at ${suggestion.appliedAt}, and ${suggestion.path} changed since; nothing was written.`;
  return new ConflictEngineError('FILE_CHANGED', message, { ...error.data, appliedAt: suggestion.appliedAt });
}

/**
 * The top folder of the checkout `worktree` (a folder anywhere inside one will do), refused when
 * it is not a checkout of the suggestion's repository: a fix is written only where it belongs.
 */
async function topOfWorktreeOf(worktree: string, repo: string): Promise<string> {
  if (worktree.includes('\uFFFD')) {
    throw new ConflictEngineError('INVALID_INPUT', `The folder ${JSON.stringify(worktree)} contains U+FFFD, the mark of bytes that are not valid UTF-8: give a path that is valid UTF-8.`, { worktree });
  }
  const ask = async (dir: string, args: string[]): Promise<string | null> => {
    if (!fs.existsSync(dir)) return null;
    const result = await runGit(dir, args);
    return result.exitCode === 0 ? result.stdout.trim() : null;
  };
  const commonDir = ['rev-parse', '--path-format=absolute', '--git-common-dir'];
  const [theirs, ours, top] = await Promise.all([ask(worktree, commonDir), ask(repo, commonDir), ask(worktree, ['rev-parse', '--show-toplevel'])]);
  if (theirs !== null && (ours === null || fs.realpathSync(theirs) !== fs.realpathSync(ours))) {
    throw new ConflictEngineError('INVALID_INPUT', `The folder ${worktree} is not a checkout of ${repo}, where the suggestion was made: give one of its worktrees.`, { worktree, repo });
  }
  return top ?? worktree;
}
