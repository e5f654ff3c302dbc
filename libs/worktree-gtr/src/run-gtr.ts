import { runGit } from '@parallel-cc/git';
import { execFileText } from './exec-file';
import type { ExecResult } from './exec-file';

/**
 * Runs gtr with an argument array, never a shell: v1 as its own program (`gtr …`), v2 as a git
 * command (`git gtr …`) through @parallel-cc/git. Rejects when it exits non-zero, with its
 * `stdout` and `stderr` on the error, as `execFile` does.
 */
export async function runGtr(
  command: readonly [string, ...string[]],
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ExecResult> {
  const [program, ...lead] = command;
  if (program !== 'git') return execFileText(program, [...lead, ...args], options);
  const gitArgs = [...lead, ...args];
  const result = await runGit(options.cwd ?? process.cwd(), gitArgs, { env: options.env });
  if (result.exitCode !== 0) {
    const failure = new Error(`Command failed: git ${gitArgs.join(' ')}\n${result.stderr}`);
    throw Object.assign(failure, { code: result.exitCode, stdout: result.stdout, stderr: result.stderr });
  }
  return { stdout: result.stdout, stderr: result.stderr };
}
