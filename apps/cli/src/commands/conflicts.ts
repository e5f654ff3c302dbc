import * as path from 'node:path';
import { Command, Option } from 'clipanion';
import { writeJson } from '../coordinator';
import type { PccContext } from '../context';

/** `parallel-cc conflicts --branch A --with B`: would merging conflict? */
export class ConflictsCommand extends Command<PccContext> {
  static override paths = [['conflicts']];
  static override usage = Command.Usage({
    category: 'Merges',
    description: 'Preview whether merging one branch into another would conflict, and where',
    details: `
      Uses \`git merge-tree --write-tree\`: no checkout, no index, nothing in any worktree changes, so it is safe while agents work. Exit code 1 when the merge would conflict.
    `,
    examples: [['Would my branch conflict with main?', '$0 conflicts --branch parallel-cc/1a2b3c4d --with main']],
  });

  branch = Option.String('--branch', { required: true, description: 'The branch to merge (ours)' });
  with = Option.String('--with', { required: true, description: 'The branch to merge it with (theirs)' });
  repo = Option.String('--repo', { description: 'A folder of the repository (default: the current folder)' });
  json = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  override async execute(): Promise<number> {
    const { detectConflicts } = await import('@parallel-cc/conflict-engine');
    const repo = path.resolve(this.context.cwd, this.repo ?? '.');
    const result = await detectConflicts({ repo, ours: this.branch, theirs: this.with });
    if (this.json) writeJson(this.context, result);
    else if (result.clean) this.context.stdout.write(`${this.branch} merges cleanly with ${this.with}.\n`);
    else {
      this.context.stdout.write(`${this.branch} would conflict with ${this.with} in ${result.conflicts.length} file(s):\n`);
      for (const c of result.conflicts) this.context.stdout.write(`  ${c.kind.padEnd(13)} ${c.path}\n`);
    }
    return result.clean ? 0 : 1;
  }
}
