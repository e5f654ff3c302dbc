import type { MergeHow } from '../db/schema';

/** The `merge` notification a subscriber gets: "Branch X was merged into main (squash)." */
export function mergedText(branch: string, into: string, how: MergeHow): string {
  return `Branch ${branch} was merged into ${into} (${how}).`;
}

/** The `merge` notification the session whose branch it is gets. */
export function yourBranchMergedText(branch: string, into: string, how: MergeHow): string {
  return `Your branch ${branch} was merged into ${into} (${how}).`;
}

/** The `base-moved` notification the other sessions on that base get. */
export function baseMovedText(branch: string, into: string): string {
  return `${into} moved: ${branch} was merged. Rebase onto ${into} when convenient (rebase_assist); check_conflicts shows what would conflict.`;
}

/** The `base-moved` notification a session working on the target itself gets when the merge happened on the remote. */
export function pullText(branch: string, into: string, target: string): string {
  return `${into} moved: ${branch} was merged there. Pull it into ${target} when convenient.`;
}

/** How a ref is named to people: `refs/remotes/origin/main` as `origin/main`. */
export function shortRef(ref: string): string {
  return ref.replace(/^refs\/(remotes|heads)\//, '');
}
