import { isObjectId } from '@parallel-cc/git';
import type { ParentMap } from './parent-lines';

/** What `git rev-list --parents --boundary --timestamp` printed. */
export interface TimedRevList {
  /** The listed commits with their parents (boundary commits left out). */
  graph: ParentMap;
  /** The boundary commits (those marked `-`) with their committer timestamps. */
  boundaryTimes: Map<string, number>;
}

/** Reads `git rev-list --parents --boundary --timestamp` output: `<time> [-]<commit> <parent>…` lines. */
export function parseTimedRevList(output: string): TimedRevList {
  const graph: ParentMap = new Map();
  const boundaryTimes = new Map<string, number>();
  for (const line of output.split('\n')) {
    const [time = '', marked = '', ...parents] = line.split(' ');
    const boundary = marked.startsWith('-');
    const commit = boundary ? marked.slice(1) : marked;
    if (!/^\d+$/.test(time) || !isObjectId(commit)) continue;
    if (boundary) boundaryTimes.set(commit, Number(time));
    else graph.set(commit, parents);
  }
  return { graph, boundaryTimes };
}
