import type { RepositoryLeftover } from '@parallel-cc/core-sessions';

/** One readable line per leftover that cleanup found (what a crashed or interrupted session left). */
export function describeLeftover(leftover: RepositoryLeftover): string {
  const what =
    leftover.kind === 'branch'
      ? `branch ${leftover.branch}`
      : leftover.kind === 'repository'
        ? `repository ${leftover.repoPath}`
        : `${leftover.kind === 'folder' ? 'folder' : 'worktree'} ${leftover.path}${leftover.branch ? ` (${leftover.branch})` : ''}`;
  const why = leftover.reasons.length > 0 ? `: ${leftover.reasons.join('; ')}` : '';
  const verb = {
    done: 'removed leftover',
    kept: 'kept leftover',
    failed: 'failed on leftover',
    'would-remove': 'would remove leftover',
    'would-keep': 'would keep leftover',
  }[leftover.status];
  return `${verb} ${what}${why}`;
}

/**
 * Whether a leftover makes cleanup exit 1: a failure, or a worktree or folder kept because it
 * holds work. A session branch kept for its own commits is where released work lives by design.
 */
export function leftoverNeedsAttention(leftover: RepositoryLeftover): boolean {
  return leftover.status === 'failed' || (leftover.status === 'kept' && leftover.kind !== 'branch');
}
