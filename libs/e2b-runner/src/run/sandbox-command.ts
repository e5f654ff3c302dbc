import { SandboxError } from '../errors';
import type { RunOptions, Sandbox } from '../sandbox/sandbox';

/** What a command in a sandbox printed, and how it ended. */
export interface CommandOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs argv in the sandbox and collects its output; a non-zero exit is a result. */
export async function runCollecting(sandbox: Sandbox, argv: string[], options: Omit<RunOptions, 'onStdout' | 'onStderr'> = {}): Promise<CommandOutcome> {
  let stdout = '';
  let stderr = '';
  const { exitCode } = await sandbox.run(argv, { ...options, onStdout: (c) => (stdout += c), onStderr: (c) => (stderr += c) });
  return { exitCode, stdout, stderr };
}

/** Runs argv in the sandbox and resolves to its trimmed stdout; a non-zero exit is a `PROVIDER_FAILED` error. */
export async function runOrThrow(sandbox: Sandbox, argv: string[], options: Omit<RunOptions, 'onStdout' | 'onStderr'> = {}): Promise<string> {
  const outcome = await runCollecting(sandbox, argv, options);
  if (outcome.exitCode !== 0) {
    throw new SandboxError(
      'PROVIDER_FAILED',
      `${argv.slice(0, 2).join(' ')} failed in the sandbox (exit code ${outcome.exitCode}): ${outcome.stderr.trim().split('\n').slice(-3).join(' ')}`,
      { exitCode: outcome.exitCode, sandboxId: sandbox.id },
    );
  }
  return outcome.stdout.trim();
}
