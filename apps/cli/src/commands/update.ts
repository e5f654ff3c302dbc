import { Command, Option } from 'clipanion';
import { writeJson } from '../coordinator';
import type { PccContext } from '../context';

/** `parallel-cc update`: bring the database up to date. */
export class UpdateCommand extends Command<PccContext> {
  static override paths = [['update']];
  static override usage = Command.Usage({
    category: 'Setup',
    description: 'Run every database migration; move an earlier version\u2019s database aside',
    details: `
      A database written by the earlier single-package parallel-cc is never written to: it is moved to \`coordinator.v1.db\` beside it, untouched, and a new database is created. Its merge events are imported (events already recorded are skipped); its sessions, subscriptions and file claims are not (their processes' start times were never recorded, so whether they still run cannot be trusted): \`update\` says how many it left and lists those sessions' worktrees that still exist, to remove with \`git worktree remove <path>\`.

      A database written by a newer parallel-cc is refused (nothing is changed): upgrade parallel-cc instead. Safe to run any number of times: when nothing is pending it says so and changes nothing.
    `,
    examples: [
      ['Update the database', '$0 update'],
      ['Update, and print what was done as JSON', '$0 update --json'],
    ],
  });

  json = Option.Boolean('--json', false, { description: 'Print what was done as JSON (migrations applied, what was imported and left)' });

  override async execute(): Promise<number> {
    const { updateAndImport } = await import('../update-and-import');
    const { report, mergeEvents } = await updateAndImport(this.context);
    const legacyFile = report.legacyMovedTo;
    if (this.json) {
      writeJson(this.context, { ...report, imported: mergeEvents === null ? null : { mergeEvents } });
      return 0;
    }
    const out = (line: string) => this.context.stdout.write(`${line}\n`);
    const { plural } = await import('@parallel-cc/core-sessions');
    if (legacyFile !== null) {
      out(`Moved the earlier parallel-cc's database to ${legacyFile} (unchanged).`);
      if (mergeEvents) {
        const skipped = mergeEvents.duplicates + mergeEvents.invalid;
        out(`Imported ${mergeEvents.imported} of its ${plural(mergeEvents.found, 'merge event')}${skipped > 0 ? ` (skipped ${mergeEvents.duplicates} already recorded, ${mergeEvents.invalid} unreadable)` : ''}.`);
      }
      const left = report.legacyLeft;
      if (left) {
        out(
          `Not imported: ${plural(left.sessions, 'session')}, ${plural(left.subscriptions, 'subscription')}, ${plural(left.fileClaims, 'file claim')}: ` +
            'their processes\u2019 start times were never recorded, so whether they still run cannot be trusted.',
        );
        if (left.worktrees.length > 0) {
          out('Worktrees of those sessions that still exist (remove each with `git worktree remove <path>` once its work is safe):');
          for (const worktree of left.worktrees) out(`  ${worktree}`);
        }
      }
    }
    const applied = report.migrated.flatMap((m) => m.applied.map((name) => `${m.lib}: ${name}`));
    out(applied.length > 0 ? `Applied ${plural(applied.length, 'migration')}:\n  ${applied.join('\n  ')}` : 'The database is up to date. No migrations were pending; nothing was changed.');
    out(`Database: ${report.path}`);
    return 0;
  }
}
