import { repoPathProblem } from '@parallel-cc/git';
import { ConflictEngineError } from '../errors';
import { objectFormatOf } from './blob-id';

/** The parts of a suggestion {@link applyFix} reads. */
export interface SuggestionToApply {
  id: string;
  path: string;
  content: string;
  from: { ours: string | null };
}

/**
 * Checks what `applyFix` was given before anything runs: a suggestion id usable as a folder
 * name, a safe repository path, text content and a blob id (or null) in `from.ours`;
 * else an `INVALID_INPUT` error naming the value.
 */
export function checkSuggestion(worktree: unknown, suggestion: SuggestionToApply, backupDir: unknown): void {
  if (typeof worktree !== 'string' || worktree === '' || worktree.includes('\0')) {
    throw invalid('worktree', worktree, 'must be the path of a folder in a git work tree');
  }
  if (backupDir !== undefined && (typeof backupDir !== 'string' || backupDir === '' || backupDir.includes('\0'))) {
    throw invalid('backupDir', backupDir, 'must be a folder path');
  }
  if (typeof suggestion !== 'object' || suggestion === null) throw invalid('suggestion', suggestion, 'must be a fix suggestion');
  if (typeof suggestion.id !== 'string' || !/^[0-9A-Za-z][0-9A-Za-z_-]{0,127}$/.test(suggestion.id)) {
    throw invalid('suggestion.id', suggestion.id, 'must be a suggestion id such as 3f9a0c12be47');
  }
  const problem = typeof suggestion.path === 'string' ? repoPathProblem(suggestion.path) : 'is not a string';
  if (problem !== null) {
    throw invalid('suggestion.path', suggestion.path, `must be a relative path inside the work tree, such as src/app.ts (it ${problem})`);
  }
  if (typeof suggestion.content !== 'string') throw invalid('suggestion.content', suggestion.content, 'must be the whole file as text');
  const ours: unknown = suggestion.from?.ours;
  if (ours !== null && (typeof ours !== 'string' || objectFormatOf(ours) === null)) {
    throw invalid('suggestion.from.ours', ours, 'must be a blob id (40 or 64 lowercase hex digits) or null');
  }
}

function invalid(field: string, value: unknown, rule: string): ConflictEngineError {
  const shown = value === undefined ? 'nothing' : JSON.stringify(value);
  return new ConflictEngineError('INVALID_INPUT', `The ${field} ${shown} is not valid: it ${rule}.`, { field, value });
}
