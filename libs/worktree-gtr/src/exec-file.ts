import { execFile } from 'node:child_process';

/** What a finished child process printed. */
export interface ExecResult {
  stdout: string;
  stderr: string;
}

/** Runs `file` with an argument array (never a shell); rejects with the output when it exits non-zero. */
export function execFileText(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...options, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });
}
