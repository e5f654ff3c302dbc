import { isProcessAlive } from '@parallel-cc/core-sessions';
import type { SandboxRun } from './sandbox-run';

/** Whether the run's runner is still the process that started it (its PID with the recorded start time). */
export function isRunAlive(run: Pick<SandboxRun, 'runnerPid' | 'runnerStarted'>): boolean {
  return isProcessAlive(run.runnerPid, run.runnerStarted);
}
