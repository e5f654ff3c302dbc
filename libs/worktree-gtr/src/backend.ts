/** What a backend needs to create a worktree (on a new branch unless resuming one). */
export interface CreateRequest {
  repoRoot: string;
  branch: string;
  base: string;
  /** The folder the worktree should land in (the native backend's target, gtr's expected one). */
  path: string;
  /** Custom worktrees folder, when configured (passed on to gtr as `gtr.worktrees.dir`). */
  worktreesDir?: string;
  /** Check out `branch` as it is, an existing branch resumed (`base` unused). Plain git only. */
  existingBranch?: boolean;
  /** Folders of a sparse (cone) checkout: only these, and the files at the top, are checked out. Plain git only. */
  sparsePaths?: string[];
}

/** What a backend needs to remove a worktree (after the safety checks have passed). */
export interface RemoveRequest {
  repoRoot: string;
  path: string;
  branch: string | null;
  force: boolean;
}

/** A way of making and removing worktrees: plain git, or gtr v1/v2. */
export interface WorktreeBackend {
  readonly name: 'native' | 'gtr-v1' | 'gtr-v2';
  /** Creates the worktree and returns its path. */
  create(request: CreateRequest): Promise<string>;
  remove(request: RemoveRequest): Promise<void>;
}
