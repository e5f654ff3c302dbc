import { spawn } from 'node:child_process';

/** A real running process whose PID tests can register; `kill()` ends it and waits. */
export interface LiveProcess {
  pid: number;
  kill(): Promise<void>;
}

/** Starts a long-lived, idle process (`sleep`), like an agent that is still working. */
export function startLiveProcess(): LiveProcess {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.pid === undefined) throw new Error('could not start sleep');
  return {
    pid: child.pid,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A PID that belonged to a process that has exited (and is very likely still unused). */
export async function deadPid(): Promise<number> {
  const live = startLiveProcess();
  await live.kill();
  return live.pid;
}

const tracked: LiveProcess[] = [];

/** A live process that {@link stopTrackedProcesses} will end (call that in afterEach or afterAll). */
export function startTrackedProcess(): LiveProcess {
  const live = startLiveProcess();
  tracked.push(live);
  return live;
}

/** Ends every process {@link startTrackedProcess} started and that still runs. */
export async function stopTrackedProcesses(): Promise<void> {
  await Promise.all(tracked.splice(0).map((p) => p.kill()));
}
