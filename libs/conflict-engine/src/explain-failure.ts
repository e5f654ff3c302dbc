import { gitComplaint } from '@parallel-cc/git';
import type { GitResult } from '@parallel-cc/git';
import { ConflictEngineError } from './errors';
import { runGit } from './git';

/**
 * The error for a `merge-tree` run that produced no merge: asks git whether each ref names a
 * commit (`UNKNOWN_REF`, or `NOT_A_REPOSITORY` when git finds no repository) and whether the two
 * share history (`UNRELATED_HISTORIES`); anything else is `GIT_FAILED` with git's complaint.
 * Runs only after a failure, so a successful check costs one process.
 */
export async function explainFailure(
  repo: string,
  ours: string,
  theirs: string,
  failed: GitResult,
): Promise<ConflictEngineError> {
  for (const [what, ref] of [['ours', ours], ['theirs', theirs]] as const) {
    const found = await runGit(repo, ['rev-parse', '--verify', '-q', '--end-of-options', `${ref}^{commit}`]);
    if (found.exitCode === 1) {
      const message = `${what} "${ref}" does not name a commit in ${repo}.`;
      return new ConflictEngineError('UNKNOWN_REF', message, { ref, what, repo });
    }
    if (found.exitCode !== 0) {
      const message = `${repo} is not in a git repository: ${gitComplaint(found.stderr)}`;
      return new ConflictEngineError('NOT_A_REPOSITORY', message, { repo });
    }
  }
  const base = await runGit(repo, ['merge-base', '--end-of-options', ours, theirs]);
  if (base.exitCode === 1) {
    return new ConflictEngineError(
      'UNRELATED_HISTORIES',
      `"${ours}" and "${theirs}" share no history; pass allowUnrelatedHistories to merge them anyway.`,
      { ours, theirs, repo },
    );
  }
  const complaint = gitComplaint(failed.stderr) || `exit code ${failed.exitCode}`;
  return new ConflictEngineError('GIT_FAILED', `git merge-tree failed in ${repo}: ${complaint}`, {
    repo,
    ours,
    theirs,
    exitCode: failed.exitCode,
  });
}
