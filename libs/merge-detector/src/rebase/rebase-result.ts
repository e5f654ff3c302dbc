/** How a rebase (or its prediction) came out. */
export type RebaseStatus = 'rebased' | 'up-to-date' | 'conflicts' | 'dirty' | 'would-conflict' | 'would-rebase';

/** What {@link rebaseAssist} did or predicts. */
export interface RebaseResult {
  /** False when it conflicted, would conflict, or was refused for uncommitted changes. */
  success: boolean;
  status: RebaseStatus;
  /** Files in conflict (or predicted to be), relative to the top of the worktree. */
  conflictingFiles: string[];
  /** With status `dirty`: the uncommitted changes that stopped it, as `XY path` lines of `git status`. */
  changedFiles: string[];
  /** What git printed. */
  output: string;
  /** One or two sentences saying what happened and what to do next. */
  message: string;
}

/** Options of {@link rebaseAssist}. */
export interface RebaseOptions {
  /** Any folder of the worktree to rebase; its checked-out branch (or detached HEAD) moves. */
  worktree: string;
  /** The branch (or tag, remote-tracking name, commit id) to rebase onto. */
  onto: string;
  /** Only predict, with `git merge-tree`: nothing changes. */
  checkOnly?: boolean;
  /** On conflict, leave the rebase stopped for resolving ('stop', the default) or abort it ('abort'). */
  onConflict?: 'stop' | 'abort';
  /** The environment of the git processes (identity, hooks); the current one when absent. */
  env?: NodeJS.ProcessEnv;
}
