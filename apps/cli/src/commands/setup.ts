import { Command, Option, UsageError } from 'clipanion';
import { withCoordinator, writeJson } from '../coordinator';
import type { PccContext } from '../context';
import { wholeSessionId } from '../session-id';

/** `parallel-cc setup`: run the repository's setup command again in a session's worktree. */
export class SetupCommand extends Command<PccContext> {
  static override paths = [['setup']];
  static override usage = Command.Usage({
    category: 'Sessions',
    description: "Run the repository's setup command again in a session's worktree",
    details: `
      Each new worktree runs the setup command once (\`git config parallel-cc.setup "<command>"\`, or \`setup\` in a committed \`.parallel-cc.json\`), with the session's \`PORT\` and \`PARALLEL_CC_PORTS\`, output to the session's log. When it failed or timed out, the worktree was kept: fix the cause and run it again here. Its output is appended to the same log; the progress goes to stderr.

      Exit code 0 when the command succeeded, 1 when it failed or timed out.
    `,
    examples: [['Run setup again for a session', '$0 setup --session-id 1a2b3c4d']],
  });

  sessionId = Option.String('--session-id', { description: 'The session id, or the short id `status` shows; default PARALLEL_CC_SESSION_ID' });
  json = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  override async execute(): Promise<number> {
    const given = this.sessionId ?? this.context.env.PARALLEL_CC_SESSION_ID;
    if (!given) throw new UsageError('Name the session with --session-id <id> (the id `status` shows), or run this inside a session.');
    const { setupSession } = await import('@parallel-cc/core-sessions');
    const result = await withCoordinator(this.context, async (c) =>
      setupSession(c, { sessionId: await wholeSessionId(c, given), env: this.context.env, progress: this.context.stderr }),
    );
    if (this.json) writeJson(this.context, result);
    else for (const w of result.warnings) this.context.stderr.write(`${w}\n`);
    return result.setup?.status === 'done' ? 0 : 1;
  }
}
