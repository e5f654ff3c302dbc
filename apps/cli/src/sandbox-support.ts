import { UsageError } from 'clipanion';
import type { RunnerCoordinator, SandboxProvider } from '@parallel-cc/e2b-runner';
import type { Coordinator } from '@parallel-cc/core-sessions';
import type { PccContext } from './context';
import { withCoordinator } from './coordinator';

/** The sandbox provider a `sandbox` command names: E2B's cloud, or the local stand-in (a temp folder). */
export async function sandboxProvider(name: string, context: PccContext): Promise<SandboxProvider> {
  const runner = await import('@parallel-cc/e2b-runner');
  if (name === 'e2b') return new runner.E2BProvider({ env: context.env });
  if (name === 'local') return new runner.LocalProvider();
  throw new UsageError(`--provider "${name}" is not a sandbox provider: use e2b (E2B's cloud) or local (a folder on this machine, no isolation).`);
}

/** The provider of the run a session id names: `--provider` when given, else the run's own (e2b when unknown). */
export async function providerOfRun(coordinator: RunnerCoordinator, sessionId: string, override: string | undefined, context: PccContext): Promise<SandboxProvider> {
  const { getRun } = await import('@parallel-cc/e2b-runner');
  const run = await getRun(coordinator, { sessionId });
  return sandboxProvider(override ?? run?.provider ?? 'e2b', context);
}

/**
 * The whole session id of a sandbox run from what was typed: the id itself, or the short id
 * `status --sandbox-only` shows (any unique start of 4+ hex characters of a run's session id).
 */
export async function runSessionId(context: PccContext, text: string): Promise<string> {
  const { listRuns } = await import('@parallel-cc/e2b-runner');
  const { resolveSessionId } = await import('@parallel-cc/core-sessions');
  return withRunner(context, async (coordinator) => {
    // Ended runs count too: their sessions are gone from the sessions table, their logs and results are not.
    const candidates = (await listRuns(coordinator)).map((r) => ({ id: r.sessionId, label: `sandbox run ${r.status}${r.branch ? ` on ${r.branch}` : ''}` }));
    const db = (coordinator as unknown as Coordinator).db;
    return resolveSessionId(db, text, { candidates, listedBy: 'status --sandbox-only' });
  });
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
