import { createHash } from 'node:crypto';
import { branchNameProblem } from '@parallel-cc/git';
import { ConflictEngineError } from '../errors';

/** A ref as one part of a branch name: slashes become dashes, a commit id is shortened to 12 digits. */
function part(ref: string): string {
  return /^[0-9a-f]{40,64}$/.test(ref) ? ref.slice(0, 12) : ref.replace(/\//g, '-');
}

/**
 * The branch a prepared merge of `theirs` into `ours` is kept on:
 * `parallel-cc/merge/<ours>-<theirs>-<8 hex digits>`. The digits are of the exact pair, so that
 * pairs whose names read alike once joined (`s-a` and `b`, `s` and `a-b`) never share a branch.
 */
export function mergeBranchName(ours: string, theirs: string): string {
  const pair = createHash('sha256').update(`${ours}\0${theirs}`).digest('hex').slice(0, 8);
  const name = `parallel-cc/merge/${part(ours)}-${part(theirs)}-${pair}`;
  const problem = branchNameProblem(name);
  if (problem !== null) throw new ConflictEngineError('INVALID_REF', `The merge branch name ${name} is not valid: ${problem}.`, { name });
  return name;
}
