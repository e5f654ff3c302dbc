import { spawn } from 'node:child_process';

/** How one run of the configured command ended. */
export interface CommandRun {
  /** The exit code (null when it was killed: timed out or by a signal). */
  exitCode: number | null;
  timedOut: boolean;
  /** The last lines of its stdout and stderr, interleaved as they came. */
  outputTail: string;
}

/** What {@link runCommand} runs, where, for how long. */
export interface RunCommandOptions {
  command: string;
  cwd: string;
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
}

const TAIL_LINES = 40;
const TAIL_CHARS = 4000;

/**
 * Runs the command the user configured as `sh -c <command>` (the one place a shell runs here:
 * the user wrote a shell command on purpose) in its own process group, killing the whole group
 * after `timeoutMs`. Only the tail of its output is kept.
 */
export function runCommand(options: RunCommandOptions): Promise<CommandRun> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', options.command], { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-TAIL_CHARS * 4);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    const finish = (exitCode: number | null) => {
      clearTimeout(timer);
      resolve({ exitCode: timedOut ? null : exitCode, timedOut, outputTail: tail(output) });
    };
    child.on('error', (error) => {
      output += `${error.message}\n`;
      finish(127);
    });
    child.on('close', (code) => finish(code));
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

/** The last lines of `output`, at most a few thousand characters. */
export function tail(output: string): string {
  const lines = output.replace(/\n+$/, '').split('\n');
  return lines.slice(-TAIL_LINES).join('\n').slice(-TAIL_CHARS);
}
