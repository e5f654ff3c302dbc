import { branchNameProblem, revisionProblem, shownValue } from '@parallel-cc/git';
import { WorktreeError } from './errors';

/** Throws `INVALID_REF` unless `name` is a branch name git accepts and cannot be read as an option (@parallel-cc/git's `branchNameProblem`). */
export function assertValidBranchName(name: string, what = 'branch name'): string {
  const problem = branchNameProblem(name);
  if (problem) {
    throw new WorktreeError('INVALID_REF', `${shownValue(name)} is not a valid ${what}: ${problem}.`, { name });
  }
  return name;
}

/** Throws `INVALID_REF` unless @parallel-cc/git's `revisionProblem` finds nothing wrong with `revision`. */
export function assertSafeRevision(revision: string, what = 'revision'): string {
  const problem = revisionProblem(revision);
  if (problem) {
    throw new WorktreeError('INVALID_REF', `${shownValue(revision)} is not a valid ${what}: ${problem}.`, { name: revision });
  }
  return revision;
}
