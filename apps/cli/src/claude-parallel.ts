import type { ClaudeRunPlan } from '@parallel-cc/claude-integration';
import type { ChildEnd } from '@parallel-cc/core-sessions';
import { createCli } from './cli';
import type { PccContext } from './context';
import { colorsFor } from './output/colors';
import { runCli } from './run-cli';

const NAME = 'claude-parallel';

/**
 * `claude-parallel [args…]`: `parallel-cc run -- claude [args…]` when claude starts a working session
 * in a repository; otherwise claude runs straight through, as if the alias were not there (same
 * folder, environment and exit). A missing `claude` is reported before anything is created.
 */
export async function claudeParallel(args: string[], context: PccContext): Promise<ChildEnd> {
  const { findExecutable, runPassThrough } = await import('@parallel-cc/core-sessions');
  if ((await findExecutable('claude', context.env)) === null) {
    context.stderr.write(
      `${NAME}: Claude Code (\`claude\`) is not on PATH; install it with \`npm install -g @anthropic-ai/claude-code\`. Nothing was started.\n`,
    );
    return { code: 1, signal: null };
  }
  const { planClaudeRun } = await import('@parallel-cc/claude-integration');
  // A repository that cannot be inspected is for `run` to report, through the CLI's error boundary.
  const plan = await planClaudeRun(args, context.cwd).catch((): ClaudeRunPlan => ({ session: true }));
  if (plan.session) {
    const cli = createCli({ binaryName: NAME, colors: colorsFor(context).isColorSupported });
    return { code: await runCli(['run', '--', 'claude', ...args], context, cli), signal: null };
  }
  if (plan.note) context.stderr.write(`${NAME}: ${plan.note}\n`);
  try {
    return await runPassThrough({ command: 'claude', args, cwd: context.cwd, env: context.env });
  } catch (error) {
    context.stderr.write(`${NAME}: ${(error as Error).message}\n`);
    return { code: 1, signal: null };
  }
}
