import { Command, Option } from 'clipanion';
import type { PccContext } from '../../context';
import { checkMerges } from './check-merges';

/** `parallel-cc conflicts suggest`: the conflicts preview, with checked fixes recorded for `conflicts apply`. */
export class ConflictsSuggestCommand extends Command<PccContext> {
  static override paths = [['conflicts', 'suggest']];
  static override usage = Command.Usage({
    category: 'Merges',
    description: 'Preview conflicts as `conflicts` does, and suggest checked fixes, recorded for `conflicts apply`',
    details: `
      Checks the same merges as \`conflicts\` (\`--branch B --with T\`, or every live session of the repository), then computes whole-file fixes for the TRIVIAL and STRUCTURAL conflicts of each conflicting merge (each checked: code must parse and keep both sides' declarations), records the conflicts and the fixes, and prints the fixes' ids for \`conflicts apply\`. \`--model\` also asks a language model about CONCURRENT ones (needs ANTHROPIC_API_KEY). Conflicts with no safe fix are listed to resolve by hand.

      Exit code 1 when a merge would conflict (or a check failed), 0 when all is clean. The older spelling \`conflicts --suggest\` still works.
    `,
    examples: [
      ['Suggest fixes for merging feature into main', '$0 conflicts suggest --branch feature --with main'],
      ['Then apply one', '$0 conflicts apply 3f2a9c1b7d4e'],
      ['Fixes for every conflicting pair of live sessions, as JSON', '$0 conflicts suggest --json'],
    ],
  });

  branch = Option.String('--branch', { description: 'The branch to merge (theirs), as check_conflicts\u2019 branch; omit to compare all live sessions' });
  with = Option.String('--with', { description: 'The branch it would be merged into (ours), where a fix is written' });
  repo = Option.String('--repo', { description: 'A folder of the repository (default: the current folder)' });
  model = Option.Boolean('--model', false, { description: 'Also ask a language model about CONCURRENT conflicts (ANTHROPIC_API_KEY)' });
  concurrency = Option.String('--concurrency', { description: 'Checks run at once when comparing sessions (1-16)' });
  json = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  override execute(): Promise<number> {
    const { branch, with: into, repo, concurrency, json, model } = this;
    return checkMerges(this.context, { branch, with: into, repo, concurrency, json, suggest: { model } });
  }
}
