import { Command } from 'clipanion';
import type { PccContext } from '../../context';
import { runWorktreeHookCommand } from './run-hook-command';

/** `parallel-cc hook worktree-remove`: Claude Code's WorktreeRemove hook (reads its JSON on stdin). */
export class HookWorktreeRemoveCommand extends Command<PccContext> {
  static override paths = [['hook', 'worktree-remove']];
  static override usage = Command.Usage({
    category: 'Hooks',
    description: 'Claude Code hook: release the session of a worktree Claude removes, keeping one that holds work',
    details: `
      Installed by \`parallel-cc install --hooks\`; Claude Code runs it with the hook's JSON on stdin (\`worktree_path\`). The session registered there is released: a worktree with changes is kept and reported on stderr; its branch is deleted only when integrated or empty. Bad input exits 1 with one line saying why.
    `,
  });

  override async execute(): Promise<number> {
    return runWorktreeHookCommand(this.context, 'worktree-remove');
  }
}
