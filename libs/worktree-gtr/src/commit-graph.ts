import type { ParentMap } from './parsers/parent-lines';

/** What a walk through a piece of commit graph reached. */
export interface GraphWalk {
  /** The commits of the graph reachable from the starts (starts inside the graph included). */
  inside: Set<string>;
  /** Parents outside the graph where the walk stopped, and starts that lie outside it. */
  edge: Set<string>;
}

/** Walks `graph` from `starts` along parent links, never leaving the graph. */
export function walkGraph(graph: ParentMap, starts: Iterable<string>): GraphWalk {
  const inside = new Set<string>();
  const edge = new Set<string>();
  const stack = [...starts];
  for (let commit = stack.pop(); commit !== undefined; commit = stack.pop()) {
    if (inside.has(commit) || edge.has(commit)) continue;
    const parents = graph.get(commit);
    if (!parents) {
      edge.add(commit);
      continue;
    }
    inside.add(commit);
    stack.push(...parents);
  }
  return { inside, edge };
}

/**
 * The commits of `candidates` that no other candidate reaches inside `graph`: of a branch's
 * boundary commits, its merge bases. Candidates outside `graph` lie below it, so they are kept
 * only when no candidate is inside.
 */
export function newestCommits(graph: ParentMap, candidates: Iterable<string>): string[] {
  const all = [...new Set(candidates)];
  const inGraph = all.filter((commit) => graph.has(commit));
  if (inGraph.length === 0) return all;
  const reach = new Map(inGraph.map((commit) => [commit, walkGraph(graph, graph.get(commit) ?? []).inside]));
  return inGraph.filter((commit) => !inGraph.some((other) => reach.get(other)?.has(commit)));
}

/** The commits of `graph` that have `ancestor` among their ancestors. */
export function descendantsOf(graph: ParentMap, ancestor: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const [commit, parents] of graph) {
    for (const parent of parents) {
      const list = children.get(parent);
      if (list) list.push(commit);
      else children.set(parent, [commit]);
    }
  }
  const found = new Set<string>();
  const stack = [...(children.get(ancestor) ?? [])];
  for (let commit = stack.pop(); commit !== undefined; commit = stack.pop()) {
    if (found.has(commit)) continue;
    found.add(commit);
    stack.push(...(children.get(commit) ?? []));
  }
  return found;
}
