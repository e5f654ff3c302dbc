import type { MergeMessage, StageEntry } from '@parallel-cc/git';

/** What kind of conflict a path is in; `semantic`: git merges it, but it uses what the other side removed, renamed or re-signed. */
export type ConflictKind = 'content' | 'add/add' | 'modify/delete' | 'rename' | 'other' | 'semantic';

/** The blob ids of a conflicted path at each stage it has: merge base, ours, theirs. */
export interface ConflictStages {
  base?: string;
  ours?: string;
  theirs?: string;
}

/** One conflicted path: its kind, its stages and git's explanation. */
export interface Conflict {
  path: string;
  kind: ConflictKind;
  stages: ConflictStages;
  /** git's CONFLICT messages about this path, one a line ('' when git gave none). */
  message: string;
}

const STAGE_NAMES = { 1: 'base', 2: 'ours', 3: 'theirs' } as const;

/** The kind of a conflict from git's stable type string and the stages the path has. */
export function conflictKind(type: string, stages: ConflictStages): ConflictKind {
  // git types an add/add clash of contents as "contents"; only the missing merge-base stage tells.
  if (type === 'CONFLICT (contents)' || type === 'CONFLICT (binary)') {
    return stages.base === undefined && stages.ours !== undefined && stages.theirs !== undefined ? 'add/add' : 'content';
  }
  if (type === 'CONFLICT (add/add)') return 'add/add';
  if (type === 'CONFLICT (modify/delete)') return 'modify/delete';
  if (type.includes('rename')) return 'rename';
  return 'other';
}

/**
 * One {@link Conflict} per conflicted path, in git's order, typed by the first CONFLICT message
 * that names it. A CONFLICT message that names no conflicted path (some directory-rename cases)
 * still yields one conflict, on its first path, with no stages.
 */
export function collectConflicts(entries: StageEntry[], messages: MergeMessage[]): Conflict[] {
  const conflicts = messages.filter((m) => m.type.startsWith('CONFLICT'));
  const byPath = new Map<string, ConflictStages>();
  for (const entry of entries) {
    byPath.set(entry.path, { ...byPath.get(entry.path), [STAGE_NAMES[entry.stage]]: entry.oid });
  }
  const result = [...byPath].map(([path, stages]) => {
    const about = conflicts.filter((m) => m.paths.includes(path));
    return {
      path,
      kind: about[0] ? conflictKind(about[0].type, stages) : 'other',
      stages,
      message: about.map((m) => m.text).join('\n'),
    };
  });
  for (const message of conflicts) {
    const [first] = message.paths;
    if (first !== undefined && !message.paths.some((p) => byPath.has(p))) {
      result.push({ path: first, kind: conflictKind(message.type, {}), stages: {}, message: message.text });
    }
  }
  return result;
}
