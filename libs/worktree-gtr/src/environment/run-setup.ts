import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A request to run the setup command in a worktree. */
export interface SetupRequest {
  command: string;
  worktreePath: string;
  /** The whole environment of the command: the session's, with its PORT and the like. */
  env: NodeJS.ProcessEnv;
  /** The session's log: the command's output is appended there. */
  logFile: string;
  timeoutMs: number;
  /** Where progress lines go (a terminal's stderr); never stdout, which a hook may own. */
  progress?: { write(text: string): unknown };
}

/** How a setup run ended. */
export interface SetupResult {
  status: 'done' | 'failed' | 'timed-out';
  exitCode: number | null;
  ms: number;
  logFile: string;
}

/**
 * Runs the repository's setup command once in a new worktree. The command is the repository
 * owner's own configuration (git config `parallel-cc.setup` or the committed `.parallel-cc.json`),
 * like a git hook or an npm script, never text from a model: it runs under `/bin/sh -c` so that
 * `npm ci && npm run build` works as written. Output goes to `logFile`; a start and an end line to
 * `progress`. A run longer than `timeoutMs` is killed with its whole process group.
 */
export function runSetup(request: SetupRequest): Promise<SetupResult> {
  const started = Date.now();
  fs.mkdirSync(path.dirname(request.logFile), { recursive: true });
  const log = fs.openSync(request.logFile, 'a');
  fs.writeSync(log, `\n== setup ${new Date().toISOString()} in ${request.worktreePath}: ${request.command}\n`);
  request.progress?.write(`parallel-cc: running setup in ${request.worktreePath} (output: ${request.logFile})…\n`);
  return new Promise((resolve) => {
    let timedOut = false;
    const child = spawn('/bin/sh', ['-c', request.command], {
      cwd: request.worktreePath,
      env: request.env,
      stdio: ['ignore', log, log],
      detached: true,
    });
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }
    }, request.timeoutMs);
    let finished = false;
    const finish = (exitCode: number | null) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      const ms = Date.now() - started;
      const status = timedOut ? 'timed-out' : exitCode === 0 ? 'done' : 'failed';
      fs.writeSync(log, `== setup ${status}${exitCode === null ? '' : ` (exit ${exitCode})`} after ${ms} ms\n`);
      fs.closeSync(log);
      request.progress?.write(`parallel-cc: setup ${status === 'done' ? 'done' : status === 'timed-out' ? 'timed out' : `failed (exit ${exitCode})`} in ${(ms / 1000).toFixed(1)} s\n`);
      resolve({ status, exitCode, ms, logFile: request.logFile });
    };
    child.once('error', () => finish(null));
    child.once('exit', (code) => finish(code));
  });
}
