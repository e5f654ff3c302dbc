import * as path from 'node:path';
import { Command, Option } from 'clipanion';
import { writeJson } from '../../coordinator';
import type { PccContext } from '../../context';
import { withHistory } from './history-db';

/** `parallel-cc conflicts history`: the conflicts recorded so far, and how each was resolved. */
export class ConflictsHistoryCommand extends Command<PccContext> {
  static override paths = [['conflicts', 'history']];
  static override usage = Command.Usage({
    category: 'Merges',
    description: 'List recorded conflicts and how they were resolved',
    details: `
      Conflicts are recorded by \`conflicts suggest\` and the MCP tool get_auto_fix_suggestions; applying a fix records its resolution. Newest first, at most \`--limit\` (50 by default). With \`--json\`, prints \`{entries: [...], total}\`.

      The older spelling \`conflicts --history\` still works.
    `,
    examples: [
      ['Past conflicts of every repository', '$0 conflicts history'],
      ['The last 10 of this repository, as JSON', '$0 conflicts history --repo . --limit 10 --json'],
    ],
  });

  repo = Option.String('--repo', { description: 'Only the conflicts of the repository containing this folder' });
  limit = Option.String('--limit', { description: 'At most this many (default 50)' });
  json = Option.Boolean('--json', false, { description: 'Print the entries as JSON' });

  override execute(): Promise<number> {
    return showConflictHistory(this.context, { repo: this.repo, limit: this.limit, json: this.json });
  }
}

/** Prints conflict-engine's conflict history, of one repository when `repo` is given. */
export async function showConflictHistory(context: PccContext, options: { repo: string | undefined; limit: string | undefined; json: boolean }): Promise<number> {
  const engine = await import('@parallel-cc/conflict-engine');
  const { parsePositiveInt } = await import('../../options');
  const { resolveRepository } = await import('@parallel-cc/worktree-gtr');
  const root = options.repo === undefined ? undefined : (await resolveRepository(path.resolve(context.cwd, options.repo))).root;
  const limit = parsePositiveInt(options.limit ?? '50', '--limit');
  const entries = await withHistory(context, (db) => engine.conflictHistory(db, { repo: root, limit }));
  if (options.json) writeJson(context, { entries, total: entries.length });
  else if (entries.length === 0) context.stdout.write('No conflicts recorded yet (`parallel-cc conflicts suggest` records them).\n');
  else {
    const { renderConflictHistory } = await import('../../output/conflict-history');
    const { plural } = await import('@parallel-cc/core-sessions');
    context.stdout.write(renderConflictHistory(entries, plural));
    if (entries.length === limit) context.stdout.write(`\nThe latest ${limit} shown: --limit shows more.\n`);
  }
  return 0;
}
