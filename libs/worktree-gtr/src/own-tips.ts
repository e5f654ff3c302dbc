import type { ReflogEntry } from './parsers/reflogs';

// How git notes a move to another ref's commit: a fast-forward (merge, pull), a rebase, a reset, a
// branch made or reset at a commit. Asked only of moves in the same second as the base's.
const TAKEN = /Fast-forward|^rebase|^reset: |^branch: /;

/**
 * The tips a branch held that were work of its own, newest first: each commit its reflog moved it
 * to (`moves`, newest first, its start left out), but those it took from the base, a commit the
 * base's reflog held before the branch moved there (a fast-forward to the base, a rebase onto it
 * with nothing of its own, a reset to it). In the same second, git's notes of the two moves decide:
 * the branch took the commit if its move was a taking one and the base's was not (a commit made on
 * the branch, then fast-forwarded into the base, is the branch's). With no reflog of the base to
 * tell (`baseLog` empty), every move counts.
 */
export function ownTips(moves: readonly ReflogEntry[], baseLog: readonly ReflogEntry[]): string[] {
  // The base's first move to each commit (its reflog is newest first).
  const firstHeld = new Map<string, ReflogEntry>();
  for (const entry of baseLog) firstHeld.set(entry.commit, entry);
  const taken = ({ commit, time, subject }: ReflogEntry): boolean => {
    const held = firstHeld.get(commit);
    if (held === undefined || held.time > time) return false;
    return held.time < time || (TAKEN.test(subject) && !TAKEN.test(held.subject));
  };
  return moves.filter((move) => !taken(move)).map((move) => move.commit);
}
