import type { CleanupPlan } from '@parallel-cc/core-sessions';

/** One line per session `cleanup --dry-run` would act on, in the words of the real run ("would release" for "released"). */
export function describePlan(plan: CleanupPlan): string {
  const id = plan.sessionId.slice(0, 8);
  const why = plan.reasons.length > 0 ? `: ${plan.reasons.join('; ')}` : '';
  if (plan.status === 'would-keep') return `would keep ${id}: worktree ${plan.worktreePath} left in place${why} (use --force to remove it anyway)`;
  if (plan.isMainRepo) return `would release ${id}: the main checkout would be free`;
  return `would release ${id}: worktree ${plan.worktreePath} removed${why}`;
}
