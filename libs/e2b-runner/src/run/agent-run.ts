import type { TimeoutPlan } from '../plan/timeout-plan';
import type { Sandbox } from '../sandbox/sandbox';

const KILL_POLL_MS = 250;

/** What {@link runAgent} is told and tells back while the agent runs. */
export interface AgentRunHooks {
  onOutput(stream: 'stdout' | 'stderr', text: string): void;
  onWarning(text: string): void;
  onLimit(): void;
  /** Whether `sandbox kill` has ended the run from elsewhere (polled). */
  isKilled(): Promise<boolean>;
}

/** How the agent's run ended. */
export interface AgentEnd {
  ended: 'exited' | 'timed_out' | 'killed';
  /** The agent's exit code; null when it did not exit by itself. */
  exitCode: number | null;
}

/**
 * Runs the agent's argv in the sandbox's workdir with `prompt` as stdin, streaming its output,
 * warning at the plan's points and killing the sandbox at its limit; a kill from another
 * process (seen by polling) stops waiting at once.
 */
export async function runAgent(sandbox: Sandbox, command: string[], prompt: string, plan: TimeoutPlan, hooks: AgentRunHooks): Promise<AgentEnd> {
  const controller = new AbortController();
  // Set from timers and the poll, so read through an object (not narrowed by the compiler).
  const state: { ended: AgentEnd['ended'] } = { ended: 'exited' };
  const timers = plan.warnings.map((w) => setTimeout(() => hooks.onWarning(w.text), w.atMs));
  timers.push(
    setTimeout(() => {
      state.ended = 'timed_out';
      hooks.onLimit();
      controller.abort();
      void sandbox.kill().catch(() => undefined);
    }, plan.limitMs),
  );
  let polling = false;
  const poll = setInterval(() => {
    if (polling) return;
    polling = true;
    void hooks
      .isKilled()
      .then((killed) => {
        if (killed && state.ended === 'exited') {
          state.ended = 'killed';
          controller.abort();
        }
      })
      .finally(() => (polling = false));
  }, KILL_POLL_MS);
  try {
    const { exitCode } = await sandbox.run(command, {
      stdin: prompt,
      onStdout: (text) => hooks.onOutput('stdout', text),
      onStderr: (text) => hooks.onOutput('stderr', text),
      signal: controller.signal,
    });
    if (state.ended === 'exited' && (await hooks.isKilled())) state.ended = 'killed';
    return { ended: state.ended, exitCode: state.ended === 'timed_out' ? null : exitCode };
  } catch (error) {
    if (state.ended !== 'exited') return { ended: state.ended, exitCode: null };
    if (await hooks.isKilled()) return { ended: 'killed', exitCode: null };
    throw error;
  } finally {
    timers.forEach(clearTimeout);
    clearInterval(poll);
  }
}
