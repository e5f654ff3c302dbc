import { Command, Option } from 'clipanion';
import { withCoordinator, writeJson } from '../coordinator';
import type { PccContext } from '../context';
import { sessionSelector } from '../options';
import { wholeSelector } from '../session-id';

/** `parallel-cc heartbeat`: record that a session is still working. */
export class HeartbeatCommand extends Command<PccContext> {
  static override paths = [['heartbeat']];
  static override usage = Command.Usage({
    category: 'Sessions',
    description: "Refresh a session's last heartbeat",
    details: `
      Called by the PostToolUse hook on every tool call, so it does one database update and nothing else. Without \`--pid\` or \`--session-id\` it uses PARALLEL_CC_SESSION_ID, which the wrapper sets.
    `,
    examples: [
      ['Heartbeat of the current session', '$0 heartbeat'],
      ['Heartbeat by process id', '$0 heartbeat --pid 4242'],
    ],
  });

  pid = Option.String('--pid', { description: 'The process id of the session (the wrapper or its agent)' });
  sessionId = Option.String('--session-id', { description: 'The session id or short id (default: PARALLEL_CC_SESSION_ID)' });
  json = Option.Boolean('--json', false, { description: 'Print the ids touched as JSON' });

  override async execute(): Promise<number> {
    const selector = sessionSelector(this, this.context.env, true);
    const { heartbeat } = await import('@parallel-cc/core-sessions');
    const ids = await withCoordinator(this.context, async (c) => heartbeat(c, await wholeSelector(c, selector)));
    if (this.json) writeJson(this.context, { sessionIds: ids, at: new Date().toISOString() });
    return 0;
  }
}
