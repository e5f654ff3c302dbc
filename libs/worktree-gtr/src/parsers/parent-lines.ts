import { isObjectId } from '@parallel-cc/git';

/** A piece of commit graph: each commit with its parents. */
export type ParentMap = Map<string, string[]>;

/** Reads `git rev-list --parents` output (`<commit> <parent>…` lines) as a {@link ParentMap}. */
export function parseParentLines(output: string): ParentMap {
  const graph: ParentMap = new Map();
  for (const line of output.split('\n')) {
    const [commit, ...parents] = line.split(' ');
    if (commit && isObjectId(commit)) graph.set(commit, parents);
  }
  return graph;
}
