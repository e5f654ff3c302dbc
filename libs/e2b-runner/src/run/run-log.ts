import * as fs from 'node:fs';
import * as path from 'node:path';
import { coordinatorHome } from '@parallel-cc/core-sessions';

/** The log file of run `runId`: `$PARALLEL_CC_HOME/sandbox-logs/<runId>.log` (mode 0600). */
export function runLogPath(env: NodeJS.ProcessEnv, runId: string): string {
  return path.join(coordinatorHome(env), 'sandbox-logs', `${runId}.log`);
}

/** Appends to a run's log; made with mode 0600 in a 0700 folder. Writes are synchronous, so `sandbox logs --follow` sees them at once. */
export class RunLog {
  readonly #fd: number;

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    this.#fd = fs.openSync(file, 'a', 0o600);
    fs.fchmodSync(this.#fd, 0o600);
  }

  /** Appends agent output exactly as it came. */
  write(text: string): void {
    fs.writeSync(this.#fd, text);
  }

  /** Appends one line of the runner's own, marked as such. */
  note(text: string): void {
    fs.writeSync(this.#fd, `[parallel-cc ${new Date().toISOString()}] ${text}\n`);
  }

  close(): void {
    fs.closeSync(this.#fd);
  }
}
