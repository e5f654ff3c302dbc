import type { MergeHow } from '../db/schema';

/** The `merge` notification a subscriber gets: "Branch X was merged into main (squash)." */
export function mergedText(branch: string, into: string, how: MergeHow): string {
  return `Branch ${branch} was merged into ${into} (${how}).`;
}

/** The `base-moved` notification the other sessions on that base get. */
export function baseMovedText(branch: string, into: string): string {
  return `${into} moved: ${branch} was merged. Check conflicts with check_conflicts / rebase with rebase_assist when convenient.`;
}

/** How a ref is named to people: `refs/remotes/origin/main` as `origin/main`. */
export function shortRef(ref: string): string {
  return ref.replace(/^refs\/(remotes|heads)\//, '');
}
