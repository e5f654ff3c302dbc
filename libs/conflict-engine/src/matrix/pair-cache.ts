import type { ClassifiedConflict } from '../detect-conflicts';
import { LruCache } from '../classify/focus/lru-cache';

/** What a check found, as a matrix keeps it: its status and conflicts. */
export interface PairOutcome {
  status: 'clean' | 'conflicts';
  conflicts: ClassifiedConflict[];
}

// A pair's outcome is its conflicts' regions and reasons: some thousands of characters at most,
// usually far fewer; eight million characters' weight keeps thousands of pairs.
const outcomes = new LruCache<PairOutcome>(8_000_000);

/** What a check's outcome depends on: the repository, the refs as named (reports name them), the commits they are at, and whether it classifies and looks for semantic breaks. */
export interface PairKey {
  repo: string;
  ours: { ref: string; commit: string };
  theirs: { ref: string; commit: string };
  classify: boolean;
  semantic: boolean;
}

function keyOf({ repo, ours, theirs, classify, semantic }: PairKey): string {
  return [repo, ours.ref, ours.commit, theirs.ref, theirs.commit, classify ? 'classified' : 'plain', semantic ? 'semantic' : 'merge'].join('\0');
}

/**
 * The outcome of a check met before with both refs at the same commits, as a copy; undefined
 * when not kept. A merge in thought depends on nothing else, so a matrix polled for a live
 * preview reruns only the pairs of a branch that moved.
 */
export function knownOutcome(key: PairKey): PairOutcome | undefined {
  const known = outcomes.get(keyOf(key));
  return known === undefined ? undefined : structuredClone(known);
}

/** Keeps a check's outcome (a copy: the caller may change what it returns). */
export function keepOutcome(key: PairKey, outcome: PairOutcome): void {
  const copy = structuredClone(outcome);
  outcomes.set(keyOf(key), copy, 200 + JSON.stringify(copy.conflicts).length);
}
