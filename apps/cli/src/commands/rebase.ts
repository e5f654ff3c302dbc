import * as path from 'node:path';
import { Command, Option } from 'clipanion';
import { writeJson } from '../coordinator';
import type { PccContext } from '../context';
import { notTogether } from '../options';

/** `parallel-cc rebase --onto B`: rebase this worktree, safely. */
export class RebaseCommand extends Command<PccContext> {
  static override paths = [['rebase']];
  static override usage = Command.Usage({
    category: 'Merges',
    description: 'Rebase the current worktree onto a branch, or predict whether that would conflict',
    details: `
      \`--check\` predicts with \`git merge-tree\` and changes nothing: the end result, then each commit replayed as the rebase would (up to 100), so that a commit that would stop the rebase is named even when the end result merges cleanly; with uncommitted changes it says the rebase would be refused. A real rebase refuses a worktree with uncommitted changes (commit or stash them first). On conflict it lists the files and leaves the rebase stopped for you to resolve, or aborts it with \`--abort-on-conflict\`.
    `,
    examples: [
      ['Would rebasing onto main conflict?', '$0 rebase --onto main --check'],
      ['Rebase, and give up on conflict', '$0 rebase --onto main --abort-on-conflict'],
    ],
  });

  onto = Option.String('--onto', { required: true, description: 'The branch to rebase onto' });
  check = Option.Boolean('--check', false, { description: 'Only predict; change nothing' });
  abortOnConflict = Option.Boolean('--abort-on-conflict', false, { description: 'Abort the rebase when it conflicts' });
  repo = Option.String('--repo', { description: 'The worktree to rebase (default: the current folder)' });
  json = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  override async execute(): Promise<number> {
    notTogether({ '--check': this.check, '--abort-on-conflict': this.abortOnConflict }, '--check only predicts, so there is no rebase to abort');
    const { rebaseAssist } = await import('@parallel-cc/merge-detector');
    const worktree = path.resolve(this.context.cwd, this.repo ?? '.');
    const result = await rebaseAssist({
      worktree,
      onto: this.onto,
      checkOnly: this.check,
      onConflict: this.abortOnConflict ? 'abort' : 'stop',
      env: this.context.env,
    });
    if (this.json) writeJson(this.context, result);
    else {
      this.context.stdout.write(`${result.message}\n`);
      for (const file of result.conflictingFiles) this.context.stdout.write(`  ${file}\n`);
    }
    return result.success ? 0 : 1;
  }
}
