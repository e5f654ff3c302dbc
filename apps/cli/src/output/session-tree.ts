import type { SessionInfo } from '@parallel-cc/core-sessions';

/** A session in the order `status` lists it, with how many parents above it are listed too. */
export interface TreeEntry {
  session: SessionInfo;
  depth: number;
}

/**
 * Orders `sessions` so that each one follows its parent (a subagent under the session that
 * started it); a session whose parent is not in the list stands at the top level. The order of
 * `sessions` is kept among siblings.
 */
export function sessionTree(sessions: SessionInfo[]): TreeEntry[] {
  const ids = new Set(sessions.map((s) => s.sessionId));
  const children = new Map<string, SessionInfo[]>();
  for (const s of sessions) {
    if (s.parentSessionId !== null && ids.has(s.parentSessionId)) {
      children.set(s.parentSessionId, [...(children.get(s.parentSessionId) ?? []), s]);
    }
  }
  const out: TreeEntry[] = [];
  const seen = new Set<string>();
  const visit = (s: SessionInfo, depth: number): void => {
    // Parents are registered before their children, so links never loop; the check keeps a damaged database from hanging `status`.
    if (seen.has(s.sessionId)) return;
    seen.add(s.sessionId);
    out.push({ session: s, depth });
    for (const child of children.get(s.sessionId) ?? []) visit(child, depth + 1);
  };
  for (const s of sessions) {
    if (s.parentSessionId === null || !ids.has(s.parentSessionId)) visit(s, 0);
  }
  // Sessions caught in a loop of parents (none are reachable from the top): listed anyway.
  for (const s of sessions) visit(s, 0);
  return out;
}
