import * as path from 'node:path';
import { Command, Option } from 'clipanion';
import { writeJson } from '../../coordinator';
import type { PccContext } from '../../context';
import { withHistory } from './history-db';

/** `parallel-cc conflicts apply <id>`: writes a recorded fix where its target branch is checked out. */
export class ConflictsApplyCommand extends Command<PccContext> {
  static override paths = [['conflicts', 'apply']];
  static override usage = Command.Usage({
    category: 'Merges',
    description: 'Apply a fix that `conflicts suggest` recorded, in the checkout of the branch merged into',
    details: `
      Writes the whole file of suggestion ID into the worktree where the branch merged into (\`--with\` of \`conflicts suggest\`) is checked out, or into \`--worktree\`, only if the file is unchanged since the fix was computed, keeping a backup of the previous content in the git folder. Applying it again while the file holds it says "already applied" (and when), writes nothing and exits 0; a file changed since is left alone (exit 1).

      The older spelling \`conflicts --apply ID\` still works.
    `,
    examples: [
      ['Apply a suggested fix', '$0 conflicts apply 3f2a9c1b7d4e'],
      ['Apply it in another checkout of that branch', '$0 conflicts apply 3f2a9c1b7d4e --worktree ../app-main'],
    ],
  });

  id = Option.String({ name: 'id' });
  worktree = Option.String('--worktree', { description: 'The folder to write in (default: where the branch merged into is checked out)' });
  json = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  override execute(): Promise<number> {
    return applyRecordedFix(this.context, { id: this.id, worktree: this.worktree, json: this.json });
  }
}

/** Applies the recorded suggestion `id` (conflict-engine's applyStoredSuggestion) and says what happened. */
export async function applyRecordedFix(context: PccContext, options: { id: string; worktree: string | undefined; json: boolean }): Promise<number> {
  const engine = await import('@parallel-cc/conflict-engine');
  const { id } = options;
  const worktree = options.worktree === undefined ? undefined : path.resolve(context.cwd, options.worktree);
  const { applied, suggestion } = await withHistory(context, (db) => engine.applyStoredSuggestion(db, { id, worktree }));
  if (options.json) writeJson(context, { ...applied, appliedAt: suggestion.appliedAt });
  else if (applied.alreadyApplied) {
    const when = suggestion.appliedAt ? ` at ${suggestion.appliedAt}` : '';
    context.stdout.write(`Fix ${id} was already applied to ${applied.file}${when}; nothing was written.\n`);
  } else {
    context.stdout.write(`Applied ${suggestion.strategy} fix ${id} to ${applied.file}\n`);
    if (applied.backup) context.stdout.write(`The previous content is kept in ${applied.backup}\n`);
  }
  return 0;
}
