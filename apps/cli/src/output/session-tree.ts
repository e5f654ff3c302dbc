import type { SessionInfo } from '@parallel-cc/core-sessions';

/** A session in the order `status` lists it, with how many parents above it are listed too. */
export interface TreeEntry {
  session: SessionInfo;
  depth: number;
}

/**
 * Orders `sessions` so that each one follows its parent (a subagent under the session that
 * started it, a guest under the session whose place it shares); a session whose parent is not in
 * the list stands at the top level. The order of `sessions` is kept among siblings.
 */
export function sessionTree(sessions: SessionInfo[]): TreeEntry[] {
  const ids = new Set(sessions.map((s) => s.sessionId));
  const parentOf = (session: SessionInfo): string | null => session.parentSessionId ?? session.sharesPlaceWith;
  const children = new Map<string, SessionInfo[]>();
  for (const session of sessions) {
    const parent = parentOf(session);
    if (parent !== null && ids.has(parent)) children.set(parent, [...(children.get(parent) ?? []), session]);
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
  for (const session of sessions) {
    const parent = parentOf(session);
    if (parent === null || !ids.has(parent)) visit(session, 0);
  }
  // Sessions caught in a loop of parents (none are reachable from the top): listed anyway.
  for (const s of sessions) visit(s, 0);
  return out;
}
