import { branchNameProblem, shownValue } from '@parallel-cc/git';
import { SessionError } from '../errors';

/** The longest worktree name accepted: far beyond Claude Code's own, short enough for any file system. */
export const MAX_WORKTREE_NAME = 100;

// One path segment that every file system and git accept as it is: no `/`, no spaces, no controls.
const OTHER_CHARACTER = /[^A-Za-z0-9._-]/;

/** The branch of Claude Code worktree `name`, as Claude names it. */
export function claudeWorktreeBranch(name: string): string {
  return `worktree-${name}`;
}

/** Throws `INVALID_INPUT` unless `name` is a valid Claude Code worktree name (one folder, and a branch `worktree-NAME`). */
export function assertClaudeWorktreeName(name: string): string {
  const problem = nameProblem(name);
  if (problem) {
    throw new SessionError(
      'INVALID_INPUT',
      `${shownValue(name)} is not a valid worktree name: ${problem}; use up to ${MAX_WORKTREE_NAME} letters, digits, ".", "_" and "-", starting with a letter or digit.`,
      { name },
    );
  }
  return name;
}

function nameProblem(name: string): string | null {
  if (name.length === 0) return 'it is empty';
  if (name.length > MAX_WORKTREE_NAME) return `it is ${name.length} characters long`;
  const other = OTHER_CHARACTER.exec(name)?.[0];
  if (other !== undefined) return `it contains ${JSON.stringify(other)}`;
  if (!/^[A-Za-z0-9]/.test(name)) return `it starts with ${JSON.stringify(name[0])}`;
  return branchNameProblem(claudeWorktreeBranch(name));
}
