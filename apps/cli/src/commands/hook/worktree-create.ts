import { Command } from 'clipanion';
import type { PccContext } from '../../context';
import { runWorktreeHookCommand } from './run-hook-command';

/** `parallel-cc hook worktree-create`: Claude Code's WorktreeCreate hook (reads its JSON on stdin). */
export class HookWorktreeCreateCommand extends Command<PccContext> {
  static override paths = [['hook', 'worktree-create']];
  static override usage = Command.Usage({
    category: 'Hooks',
    description: "Claude Code hook: make a worktree for `claude -w NAME` or a subagent, and register its session",
    details: `
      Installed by \`parallel-cc install --hooks\`; Claude Code runs it with the hook's JSON on stdin (\`name\`, \`cwd\`, \`session_id\`) instead of making the worktree itself. It prints only the worktree's absolute path on stdout and everything else on stderr. Unlike the other hooks it fails loudly: bad input, a bad name or a worktree held by a live session exits 1 with one line saying why, and nothing is left behind.
    `,
  });

  override async execute(): Promise<number> {
    return runWorktreeHookCommand(this.context, 'worktree-create');
  }
}
