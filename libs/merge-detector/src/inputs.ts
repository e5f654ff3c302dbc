import { branchNameProblem } from '@parallel-cc/git';
import * as v from 'valibot';
import { parseInput, RepoPathSchema, SessionError, SessionIdSchema } from '@parallel-cc/core-sessions';
import { MergeDetectorError } from './errors';

/** How many rows a listing returns at most: a whole number from 1 to 10,000. */
export const LimitSchema = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number'),
  v.minValue(1, 'must be 1 or more'),
  v.maxValue(10_000, 'must be at most 10000'),
);

/**
 * Checks that `name` is a branch name git accepts that cannot be read as an option (worktree-gtr's
 * rules for `git check-ref-format --branch`), before any process runs; else an `INVALID_REF` error.
 */
export function parseBranch(name: unknown, what = 'branch'): string {
  if (typeof name !== 'string') {
    throw new MergeDetectorError('INVALID_REF', `The ${what} must be a branch name such as "feature/login".`, { field: what });
  }
  const problem = branchNameProblem(name);
  if (problem) {
    throw new MergeDetectorError(
      'INVALID_REF',
      `The ${what} ${JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name)} is not a valid branch name: ${problem}. Give a name such as "feature/login" or "origin/main".`,
      { field: what, value: name },
    );
  }
  return name;
}

/** Validates a session id (a UUID); else an `INVALID_INPUT` error. */
export function parseSessionId(value: unknown): string {
  return asOurs(() => parseInput(SessionIdSchema, value, 'session id'));
}

/** Validates a repository path (non-empty, no NUL bytes); else an `INVALID_INPUT` error. */
export function parseRepoPath(value: unknown): string {
  return asOurs(() => parseInput(RepoPathSchema, value, 'repository path'));
}

/** Validates a listing limit; else an `INVALID_INPUT` error. */
export function parseLimit(value: unknown): number {
  return asOurs(() => parseInput(LimitSchema, value, 'limit'));
}

// core-sessions' parseInput words the message; callers of this lib see one error class.
function asOurs<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof SessionError) throw new MergeDetectorError('INVALID_INPUT', error.message, error.data);
    throw error;
  }
}
