import { Command } from 'clipanion';
import type { PccContext } from '../../context';
import { runHookCommand } from './run-hook-command';

/** `parallel-cc hook pre-tool-use`: the Claude Code hook (reads its JSON on stdin). */
export class HookPreToolUseCommand extends Command<PccContext> {
  static override paths = [['hook', 'pre-tool-use']];
  static override usage = Command.Usage({
    category: 'Hooks',
    description: "Claude Code hook: check an edit against other sessions' claims and changes",
    details: `
      Installed by \`parallel-cc install --hooks\` for Claude Code's editing tools (Edit, Write, MultiEdit, NotebookEdit); Claude Code runs it with the hook's JSON on stdin before each edit. An EXCLUSIVE claim of another live session on the file denies the edit (the holder is told); another session's change or INTENT/SHARED claim lets it through with a warning for the model naming the session, its branch and lines; otherwise it prints nothing. \`git config parallel-cc.guard warn|deny|off\` changes what it does. It never blocks an edit by failing: bad input prints nothing, failures are logged to \`$PARALLEL_CC_HOME/logs/hooks.log\`, and it always exits 0.
    `,
  });

  override async execute(): Promise<number> {
    return runHookCommand(this.context, 'pre-tool-use');
  }
}
