import * as path from 'node:path';
import { Command, Option } from 'clipanion';
import { writeJson } from '../../coordinator';
import type { PccContext } from '../../context';
import { withHistory } from './history-db';

/** `parallel-cc conflicts apply <id>`: records a fix where git uses it, a prepared merge commit on a branch of its own. */
export class ConflictsApplyCommand extends Command<PccContext> {
  static override paths = [['conflicts', 'apply']];
  static override usage = Command.Usage({
    category: 'Merges',
    description: 'Apply a fix that `conflicts suggest` recorded, as a prepared merge commit that git merges cleanly',
    details: `
      Makes the merge of the two branches of suggestion ID (\`--branch\` into \`--with\` of \`conflicts suggest\`) as a commit whose parents are both tips and whose files are git's merge with each conflicted file replaced by its applied fix, and keeps it on the branch \`parallel-cc/merge/<with>-<branch>-<digits of the pair>\`. No checkout, index or work tree file is touched. Fast-forward the branch merged into to it (\`git merge --ff-only\`), or merge it; merging the other branch afterwards finds nothing left to do. While other files of that merge have no applied fix yet, the fix is recorded and the commit waits for them. It prints exactly what it did, the command that fast-forwards the branch merged into (run where it is checked out), and how to undo it. Applying it again changes nothing; a fix computed from versions the branches no longer hold is refused (exit 1), and so is one computed from a session's uncommitted work, which no branch holds (commit it and suggest again, or use \`--worktree\`).

      With \`--worktree DIR\`, the older way: the fix's whole file is written into that checkout of the branch merged into (only if the file is unchanged since the fix was computed; a backup of the previous content is kept in the git folder), and no commit is made.

      The older spelling \`conflicts --apply ID\` still works.
    `,
    examples: [
      ['Apply a suggested fix as a prepared merge', '$0 conflicts apply 3f2a9c1b7d4e'],
      ['Write the fixed file into a checkout instead', '$0 conflicts apply 3f2a9c1b7d4e --worktree ../app-main'],
    ],
  });

  id = Option.String({ name: 'id' });
  worktree = Option.String('--worktree', { description: 'Write the fixed file into this checkout instead of preparing a merge commit' });
  json = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  override execute(): Promise<number> {
    return applyRecordedFix(this.context, { id: this.id, worktree: this.worktree, json: this.json });
  }
}

/** Applies the recorded suggestion `id`: a prepared merge (conflict-engine's prepareStoredMerge), or with `worktree`, the file written there. */
export async function applyRecordedFix(context: PccContext, options: { id: string; worktree: string | undefined; json: boolean }): Promise<number> {
  if (options.worktree === undefined) return prepareRecordedMerge(context, options);
  const engine = await import('@parallel-cc/conflict-engine');
  const { id } = options;
  const worktree = path.resolve(context.cwd, options.worktree);
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

async function prepareRecordedMerge(context: PccContext, options: { id: string; json: boolean }): Promise<number> {
  const engine = await import('@parallel-cc/conflict-engine');
  const { suggestion, merge, oursCheckout } = await withHistory(context, (db) => engine.prepareStoredMerge(db, { id: options.id }));
  const lines = engine.describePreparedMerge(suggestion, merge, oursCheckout);
  if (options.json) writeJson(context, { id: suggestion.id, path: suggestion.path, strategy: suggestion.strategy, appliedAt: suggestion.appliedAt, ...merge, ...lines.commands });
  else context.stdout.write(`${lines.text.join('\n')}\n`);
  return 0;
}
