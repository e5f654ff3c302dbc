import type { Classification } from '@parallel-cc/conflict-engine';

/**
 * The conflict with each ref of `names` its reason mentions written as the name given (a snapshot
 * commit of uncommitted work as the branch it stands for); the conflict itself when none is.
 */
export function withNamesInReason<T extends { classification?: Classification | null }>(conflict: T, names: Iterable<[ref: string, name: string]>): T {
  const { classification } = conflict;
  if (!classification) return conflict;
  let reason = classification.reason;
  for (const [ref, name] of names) reason = reason.split(ref).join(name);
  return reason === classification.reason ? conflict : { ...conflict, classification: { ...classification, reason } };
}
