import { branchNameProblem } from '@parallel-cc/git';
import { ConflictEngineError } from '../errors';

/** A ref as one part of a branch name: slashes become dashes, a commit id is shortened to 12 digits. */
function part(ref: string): string {
  return /^[0-9a-f]{40,64}$/.test(ref) ? ref.slice(0, 12) : ref.replace(/\//g, '-');
}

/** The branch a prepared merge of `theirs` into `ours` is kept on: `parallel-cc/merge/<ours>-<theirs>`. */
export function mergeBranchName(ours: string, theirs: string): string {
  const name = `parallel-cc/merge/${part(ours)}-${part(theirs)}`;
  const problem = branchNameProblem(name);
  if (problem !== null) throw new ConflictEngineError('INVALID_REF', `The merge branch name ${name} is not valid: ${problem}.`, { name });
  return name;
}
