import { Command } from 'clipanion';
import type { PccContext } from '../../context';
import { runHookCommand } from './run-hook-command';

/** `parallel-cc hook session-start`: the Claude Code hook (reads its JSON on stdin). */
export class HookSessionStartCommand extends Command<PccContext> {
  static override paths = [['hook', 'session-start']];
  static override usage = Command.Usage({
    category: 'Hooks',
    description: "Claude Code hook: attach Claude's session, or warn when another session holds this checkout",
    details: `
      Installed by \`parallel-cc install --hooks\`; Claude Code runs it with the hook's JSON on stdin. It never disturbs the session: bad input prints nothing, failures are logged to \`$PARALLEL_CC_HOME/logs/hooks.log\`, and it always exits 0.
    `,
  });

  override async execute(): Promise<number> {
    return runHookCommand(this.context, 'session-start');
  }
}
