import { runGit } from '../git';
import { parseWalk, pathsMeet, reachable, sidePaths } from './side-history';

/**
 * The indices of `pairs` that provably merge cleanly (`tips`: the commit each ref is at), found
 * with two git processes for all of them: one side contains the other (a fast-forward), or each
 * side's own commits since the other only add or modify files (no deletions, no merges) and no
 * path of one is a path, or a folder of a path, of the other. git could not find a conflict
 * there, so its merge-tree need not run. Any doubt (no common ancestor, an unknown
 * ref, git failing) proves nothing and leaves every pair to merge-tree.
 */
export async function provablyClean(
  repo: string,
  pairs: ReadonlyArray<{ ours: string; theirs: string }>,
  tips: ReadonlyMap<string, string | null>,
): Promise<Set<number>> {
  const refs = [...new Set(pairs.flatMap((p) => [p.ours, p.theirs]))];
  if (refs.length < 2 || refs.some((ref) => !tips.get(ref))) return new Set();
  const tipOf = new Map(refs.map((ref) => [ref, tips.get(ref) ?? '']));
  const base = await runGit(repo, ['merge-base', '--octopus', '--end-of-options', ...tipOf.values()]);
  if (base.exitCode !== 0) return new Set();
  const walk = await runGit(repo, [
    'log', '-z', '--no-renames', '--name-status', '--format=%x01%H %P', '--end-of-options', ...new Set(tipOf.values()), `^${base.stdout.trim()}`, '--',
  ]);
  if (walk.exitCode !== 0) return new Set();
  const commits = parseWalk(walk.stdout);
  const side = (ref: string) => {
    const tip = tipOf.get(ref) ?? '';
    return { tip, reach: reachable(commits, tip) };
  };
  const clean = new Set<number>();
  pairs.forEach(({ ours, theirs }, i) => {
    const [a, b] = [side(ours), side(theirs)];
    // One side already contains the other: a fast-forward, which never conflicts.
    if (a.reach.size === 0 || b.reach.size === 0 || b.reach.has(a.tip) || a.reach.has(b.tip)) {
      clean.add(i);
      return;
    }
    const [pathsA, pathsB] = [sidePaths(commits, a.reach, b.reach), sidePaths(commits, b.reach, a.reach)];
    if (pathsA && pathsB && !pathsMeet(pathsA, pathsB)) clean.add(i);
  });
  return clean;
}
