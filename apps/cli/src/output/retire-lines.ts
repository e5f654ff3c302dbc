import type { RetireResult } from '@parallel-cc/core-sessions';

/** One readable line per released or cleaned-up session. */
export function describeRetirement(result: RetireResult): string {
  const id = result.sessionId.slice(0, 8);
  const why = result.reasons.length > 0 ? `: ${result.reasons.join('; ')}` : '';
  switch (result.status) {
    case 'kept':
      return `kept ${id}: worktree ${result.worktreePath} left in place${why} (use --force to remove it anyway)`;
    case 'failed':
      return `failed ${id}: nothing was removed${why}`;
    case 'skipped':
      return `skipped ${id}${why}`;
    case 'done': {
      if (result.worktree === 'main') return `released ${id}: the main checkout is free`;
      const branch = result.branchOutcome === 'deleted' ? `, branch ${result.branch} deleted` : '';
      const notes = result.reasons.map((r) => `; ${r}`).join('');
      return `released ${id}: worktree ${result.worktree}${branch}${notes}`;
    }
  }
}

/** The exit code for a batch: 1 when any session's work was kept or failed, else 0. */
export function retirementExitCode(results: RetireResult[]): number {
  return results.some((r) => r.status === 'kept' || r.status === 'failed') ? 1 : 0;
}
