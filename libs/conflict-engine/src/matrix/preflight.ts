import { runGit } from '../git';
import { parseWalk, pathsMeet, reachable, sidePaths } from './side-history';

/**
 * The indices of `pairs` that provably merge cleanly, found with three git processes for all of
 * them: one side contains the other (a fast-forward), or each side's own commits since the
 * other only add or modify files (no deletions, no merges) and no path of one is a path, or a
 * folder of a path, of the other. git could not find
 * a conflict there, so its merge-tree need not run. Any doubt (no common ancestor, an unknown
 * ref, git failing) proves nothing and leaves every pair to merge-tree.
 */
export async function provablyClean(repo: string, pairs: ReadonlyArray<{ ours: string; theirs: string }>): Promise<Set<number>> {
  const refs = [...new Set(pairs.flatMap((p) => [p.ours, p.theirs]))];
  if (refs.length < 2) return new Set();
  // git 2.39's rev-parse echoes `--end-of-options` as if it were a revision; the refs were checked
  // against check-ref-format's rules (none starts with "-"), so it is left out here.
  const tips = await runGit(repo, ['rev-parse', ...refs.map((r) => `${r}^{commit}`)]);
  const base = await runGit(repo, ['merge-base', '--octopus', '--end-of-options', ...refs]);
  if (tips.exitCode !== 0 || base.exitCode !== 0) return new Set();
  const tipOf = new Map(refs.map((ref, i) => [ref, tips.stdout.split('\n')[i] ?? '']));
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
