import { Command, Option } from 'clipanion';
import { withCoordinator, writeJson } from '../coordinator';
import type { PccContext } from '../context';
import { sessionSelector } from '../options';
import { wholeSelector } from '../session-id';
import { describeRetirement, retirementExitCode } from '../output/retire-lines';

/** `parallel-cc release`: end a session and tidy its place. */
export class ReleaseCommand extends Command<PccContext> {
  static override paths = [['release']];
  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'End a session: hand back the main checkout or remove its worktree',
    details: `
      A worktree is removed only when it holds no uncommitted or untracked changes; otherwise it is kept (state \`kept\`, exit code 1) until \`--force\`. Its branch is deleted only when it is integrated into the base branch or has no commits of its own; otherwise the branch stays.
    `,
    examples: [
      ['Release the session of a process', '$0 release --pid 4242'],
      ['Release by session id, discarding uncommitted changes', '$0 release --session-id 123e4567-e89b-12d3-a456-426614174000 --force'],
    ],
  });

  pid = Option.String('--pid', { description: 'The process id of the session (the wrapper or its agent)' });
  sessionId = Option.String('--session-id', { description: 'The session id, or the short id `status` shows (any unique start of 4+ hex characters)' });
  force = Option.Boolean('--force', false, { description: 'Remove the worktree even if it holds uncommitted or untracked changes' });
  json = Option.Boolean('--json', false, { description: 'Print the results as JSON' });

  override async execute(): Promise<number> {
    const selector = sessionSelector(this, this.context.env);
    const { releaseSession } = await import('@parallel-cc/core-sessions');
    const results = await withCoordinator(this.context, async (c) =>
      releaseSession(c, await wholeSelector(c, selector), { force: this.force, env: this.context.env }),
    );
    if (this.json) writeJson(this.context, { results });
    else for (const r of results) this.context.stdout.write(`${describeRetirement(r)}\n`);
    return retirementExitCode(results);
  }
}
