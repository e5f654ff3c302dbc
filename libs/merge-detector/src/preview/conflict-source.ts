import { detectConflicts } from '@parallel-cc/conflict-engine';
import type { ClassifiedConflict } from '@parallel-cc/conflict-engine';
import { withNamesInReason } from './reason-names';
import type { PreviewedSession } from './session-work';

/** A conflict of a preview, with where it comes from. */
export type SessionConflict = ClassifiedConflict & {
  /**
   * `committed`: the branches as committed already conflict on this path; `uncommitted`: only the
   * work in progress of a work tree (one side's or both) makes them conflict.
   */
  source: 'committed' | 'uncommitted';
  /** The sides whose work tree holds uncommitted work on this path. */
  uncommittedIn: Array<'ours' | 'theirs'>;
};

/** One side of a merge: the ref merged and, when it is a session's snapshot, that session. */
export interface MergeSide {
  ref: string;
  session: PreviewedSession | undefined;
}

/**
 * Says where each conflict of merging `theirs` into `ours` comes from. When neither side is a
 * snapshot, every conflict is committed. Otherwise the committed sides (each work tree's HEAD, or
 * the branch) are merged once more (merge-tree, no classifying): a path that conflicts there too
 * is `committed`, the others `uncommitted`. Should that merge fail, a conflict on a path a side
 * holds uncommitted work on counts as uncommitted; so does a semantic break whose using or
 * declaring file holds uncommitted work. Reasons name a snapshot by the branch it stands for.
 */
export async function withSources(repo: string, ours: MergeSide, theirs: MergeSide, conflicts: ClassifiedConflict[]): Promise<SessionConflict[]> {
  const dirty = (side: MergeSide) => new Set(isSnapshot(side) ? (side.session?.uncommitted ?? []) : []);
  const [oursDirty, theirsDirty] = [dirty(ours), dirty(theirs)];
  const uncommittedIn = (path: string) => [...(oursDirty.has(path) ? ['ours' as const] : []), ...(theirsDirty.has(path) ? ['theirs' as const] : [])];
  if (conflicts.length === 0) return [];
  if (!isSnapshot(ours) && !isSnapshot(theirs)) return conflicts.map((c) => ({ ...c, source: 'committed', uncommittedIn: uncommittedIn(c.path) }));
  const snapshotNames = [ours, theirs].flatMap((side): Array<[string, string]> => (isSnapshot(side) && side.session ? [[side.ref, side.session.branch]] : []));
  const named = conflicts.map((c) => withNamesInReason(c, snapshotNames));
  const committed = named.some((c) => c.kind !== 'semantic') ? await committedConflicts(repo, committedRef(ours), committedRef(theirs)) : new Set<string>();
  return named.map((c) => {
    // A semantic break comes from uncommitted work when a file it rests on holds some; git's
    // conflicts, from the merge of the committed sides.
    const paths = c.semantic ? [c.path, c.semantic.declaration.path] : [c.path];
    const dirtyIn = [...new Set(paths.flatMap(uncommittedIn))];
    const fromCommits = c.semantic || !committed ? dirtyIn.length === 0 : committed.has(c.path);
    return { ...c, source: fromCommits ? 'committed' : 'uncommitted', uncommittedIn: dirtyIn };
  });
}

/** Whether the side merged is a session's work-in-progress snapshot rather than its branch. */
export function isSnapshot(side: MergeSide): boolean {
  return side.session !== undefined && side.session.ref !== side.session.branch;
}

function committedRef(side: MergeSide): string {
  return isSnapshot(side) ? (side.session?.head ?? side.ref) : side.ref;
}

async function committedConflicts(repo: string, ours: string, theirs: string): Promise<Set<string> | null> {
  try {
    const report = await detectConflicts({ repo, ours, theirs, classify: false });
    return new Set(report.conflicts.map((c) => c.path));
  } catch {
    return null;
  }
}
