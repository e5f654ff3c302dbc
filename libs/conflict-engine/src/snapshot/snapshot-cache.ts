import type { WorktreeSnapshot } from './worktree-snapshot';

/**
 * The last snapshot of each work tree with the state it was taken in (see {@link snapshotWorktree}).
 * A long-running process (the MCP server, the watcher) keeps one, so that a session whose work
 * tree did not change since the last preview costs one `git status` and no snapshot.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, { key: string; snapshot: WorktreeSnapshot }>();

  /** At most `limit` work trees are remembered; the one used longest ago goes first. */
  constructor(private readonly limit = 256) {}

  /** The snapshot taken of `worktree` in the state `key`, if that is the last one taken. */
  get(worktree: string, key: string): WorktreeSnapshot | undefined {
    const entry = this.entries.get(worktree);
    if (!entry || entry.key !== key) return undefined;
    // Map keeps insertion order: moving the entry to the end makes the first one the oldest.
    this.entries.delete(worktree);
    this.entries.set(worktree, entry);
    return entry.snapshot;
  }

  /** Remembers `snapshot` as the one for `worktree` in the state `key`. */
  set(worktree: string, key: string, snapshot: WorktreeSnapshot): void {
    this.entries.delete(worktree);
    this.entries.set(worktree, { key, snapshot });
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** How many work trees are remembered. */
  get size(): number {
    return this.entries.size;
  }
}

const shared = new SnapshotCache();

/** The process-wide cache {@link snapshotWorktree} uses unless given another. */
export function sharedSnapshotCache(): SnapshotCache {
  return shared;
}
