import { refProblem, shownValue } from '@parallel-cc/git';
import { ConflictEngineError } from './errors';

/** Throws `INVALID_REF` unless `ref` passes @parallel-cc/git's `refProblem`; `what` names it in the message. */
export function assertValidRef(ref: string, what: string): string {
  const problem = refProblem(ref);
  if (problem) {
    throw new ConflictEngineError(
      'INVALID_REF',
      `${what} ${shownValue(ref)} is not a valid ref: ${problem}. Give a branch, tag or remote-tracking name, HEAD, or a commit id.`,
      { ref, what },
    );
  }
  return ref;
}
