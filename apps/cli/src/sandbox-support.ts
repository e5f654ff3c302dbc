import { UsageError } from 'clipanion';
import type { RunnerCoordinator, SandboxProvider, SandboxRun } from '@parallel-cc/e2b-runner';
import type { PccContext } from './context';
import { withCoordinator } from './coordinator';

/** The sandbox provider a `sandbox` command names: E2B's cloud, or the local stand-in (a temp folder). */
export async function sandboxProvider(name: string, context: PccContext): Promise<SandboxProvider> {
  const runner = await import('@parallel-cc/e2b-runner');
  if (name === 'e2b') return new runner.E2BProvider({ env: context.env });
  if (name === 'local') return new runner.LocalProvider();
  throw new UsageError(`--provider "${name}" is not a sandbox provider: use e2b (E2B's cloud) or local (a folder on this machine, no isolation).`);
}

/** The run `sandbox logs|download|kill` name: `--session-id` or `--run-id` (exactly one), either of the run's ids, whole or short. */
export function runIdOption(options: { sessionId?: string | undefined; runId?: string | undefined }): string {
  if ((options.sessionId === undefined) === (options.runId === undefined)) {
    throw new UsageError('Name the run with --session-id <id> or --run-id <id> (one of them): either id `sandbox run` printed, whole or its 8 hex digits.');
  }
  return (options.sessionId ?? options.runId) as string;
}

/** The run an id names (see e2b-runner's `findRun`) and its provider: `--provider` when given, else the run's own. */
export async function runAndProvider(
  coordinator: RunnerCoordinator,
  id: string,
  override: string | undefined,
  context: PccContext,
): Promise<{ run: SandboxRun; provider: SandboxProvider }> {
  const { findRun } = await import('@parallel-cc/e2b-runner');
  const run = await findRun(coordinator, id);
  return { run, provider: await sandboxProvider(override ?? run.provider, context) };
}

/** Opens the database with the sandbox runs table for one command, and closes it afterwards. */
export async function withRunner<T>(context: PccContext, fn: (coordinator: RunnerCoordinator) => Promise<T>): Promise<T> {
  const { openRunnerCoordinator } = await import('@parallel-cc/e2b-runner');
  const coordinator = await openRunnerCoordinator(context.env);
  try {
    return await fn(coordinator);
  } finally {
    await coordinator.close();
  }
}
/** How many live sessions work on the repository of `repo` (git-live asks before racing them). */
export async function otherLiveCount(context: PccContext, repo: string): Promise<number> {
  const { resolveRepository } = await import('@parallel-cc/worktree-gtr');
  const { sessionStatus } = await import('@parallel-cc/core-sessions');
  const { root } = await resolveRepository(repo);
  const report = await withCoordinator(context, (c) => sessionStatus(c, { repoRoot: root }));
  return report.sessions.filter((s) => s.state === 'live' || s.state === 'idle').length;
}
