import * as path from 'node:path';
import { Command, Option, UsageError } from 'clipanion';
import { withCoordinator } from '../coordinator';
import type { PccContext } from '../context';
import { needsCommand } from '../dispatch/explain-parse-error';
import { describeRetirement } from '../output/retire-lines';

/** `parallel-cc run -- <command…>`: the wrapper, for any agent. */
export class RunCommand extends Command<PccContext> {
  static override paths = [['run']];
  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'Run an agent as a session in its own place (what claude-parallel does)',
    details: `
      Registers this process, runs the command in the session's folder (the same subfolder of its worktree that you started from) with PARALLEL_CC_SESSION_ID set, passes SIGINT, SIGTERM and SIGHUP on to it, releases the session when it exits, and exits with its exit code.

      \`claude-parallel [args]\` is \`parallel-cc run -- claude [args]\`.
    `,
    examples: [
      ['Run Claude Code as a parallel session', '$0 run -- claude'],
      ['Run another agent from a given repository', '$0 run --repo ~/code/app -- aider --model sonnet'],
    ],
  });

  repo = Option.String('--repo', { description: 'A folder of the repository (default: the current folder)' });
  // Required: clipanion parses run's own options (before the command) only for a proxy that is.
  agent = Option.Proxy({ required: 1, name: 'command' });

  override async execute(): Promise<number> {
    const [command, ...args] = this.agent[0] === '--' ? this.agent.slice(1) : this.agent;
    if (!command) throw new UsageError(needsCommand('run'));
    const repo = path.resolve(this.context.cwd, this.repo ?? '.');
    const { runAgentSession } = await import('@parallel-cc/core-sessions');
    const result = await withCoordinator(this.context, (c) =>
      runAgentSession(c, {
        repo,
        command,
        args,
        env: this.context.env,
        onRegistered: (r) => {
          const where = r.isMainRepo ? 'the main checkout' : `worktree ${r.worktreePath} (branch ${r.branch})`;
          this.context.stderr.write(`parallel-cc: session ${r.sessionId.slice(0, 8)} in ${where}\n`);
          for (const warning of r.warnings) this.context.stderr.write(`parallel-cc: warning: ${warning}\n`);
        },
      }),
    );
    for (const r of result.release) {
      if (r.status !== 'done') this.context.stderr.write(`parallel-cc: ${describeRetirement(r)}\n`);
      else if (r.branchOutcome === 'kept') this.context.stderr.write(`parallel-cc: ${describeRetirement(r)}\n`);
    }
    return result.exitCode;
  }
}
