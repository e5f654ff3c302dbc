import * as path from 'node:path';

/** The branch of a session's worktree: `parallel-cc/<first 8 hex of the session id>`. */
export function sessionBranchName(sessionId: string): string {
  return `parallel-cc/${sessionId.replace(/-/g, '').slice(0, 8).toLowerCase()}`;
}

/** A branch name as a folder name, the way gtr does it: `/` and other specials become `-`. */
export function worktreeFolderName(branch: string): string {
  return branch.replace(/[^A-Za-z0-9._-]/g, '-');
}

/** Where a repository's worktrees go by default: `<repo-parent>/<repo>-worktrees`. */
export function defaultWorktreesDir(repoRoot: string): string {
  return path.join(path.dirname(repoRoot), `${path.basename(repoRoot)}-worktrees`);
}

/** The folder of `branch`'s worktree; `worktreesDir` (absolute, or relative to the repo) overrides the default. */
export function worktreePathFor(repoRoot: string, branch: string, worktreesDir?: string): string {
  const dir = worktreesDir ? path.resolve(repoRoot, worktreesDir) : defaultWorktreesDir(repoRoot);
  return path.join(dir, worktreeFolderName(branch));
}
