// The public API of @parallel-cc/git: everything exported here is public.
export { runGit, runGitBytes, gitOutput, gitOutputBytes, tryGit, gitFailure } from './run-git';
export type { GitCall, GitResult, GitBytesResult } from './run-git';
export { gitComplaint, stdinLines } from './git-complaint';
export { GitError } from './git-error';
export type { GitErrorCode } from './git-error';
