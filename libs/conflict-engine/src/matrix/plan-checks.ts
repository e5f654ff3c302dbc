/** A branch to preview, and the branch it will be merged into when it is not just another branch. */
export interface MatrixBranch {
  ref: string;
  /** The branch `ref` started from and will be merged into; checked against `ref` too. */
  base?: string;
}

/** One merge to try: `theirs` merged into `ours`, and why the two are compared. */
export interface PlannedCheck {
  ours: string;
  theirs: string;
  /** `branch`: two of the given branches; `base`: a branch against its base. */
  against: 'branch' | 'base';
}

/**
 * The checks that preview merging `branches` with each other: each pair of distinct refs (`ours`
 * the one listed first), then each branch against its base (`ours` the branch). Whether two refs
 * conflict does not depend on which side is ours, so a pair is checked once whichever way it
 * comes up first; N branches with one common base make at most N(N+1)/2 checks.
 */
export function planChecks(branches: readonly MatrixBranch[]): PlannedCheck[] {
  const planned = new Map<string, PlannedCheck>();
  const add = (ours: string, theirs: string, against: PlannedCheck['against']) => {
    if (ours === theirs) return;
    const key = ours < theirs ? `${ours}\0${theirs}` : `${theirs}\0${ours}`;
    if (!planned.has(key)) planned.set(key, { ours, theirs, against });
  };
  branches.forEach((a, i) => branches.slice(i + 1).forEach((b) => add(a.ref, b.ref, 'branch')));
  for (const { ref, base } of branches) if (base !== undefined) add(ref, base, 'base');
  return [...planned.values()];
}
