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
      A database written by the earlier single-package parallel-cc is never written to: it is moved to \`coordinator.v1.db\` beside it, untouched, and a new database is created. Safe to run any number of times.
    `,
    examples: [['Update the database', '$0 update']],
  });

  json = Option.Boolean('--json', false, { description: 'Print what was done as JSON' });

  override async execute(): Promise<number> {
    const { updateDatabase } = await import('@parallel-cc/core-sessions');
    const { libMigrations } = await import('../lib-migrations');
    const report = await updateDatabase({ env: this.context.env, migrations: await libMigrations() });
    if (this.json) {
      writeJson(this.context, report);
      return 0;
    }
    if (report.legacyMovedTo) this.context.stdout.write(`Moved the earlier database to ${report.legacyMovedTo}\n`);
    const applied = report.migrated.flatMap((m) => m.applied.map((name) => `${m.lib}: ${name}`));
    this.context.stdout.write(
      applied.length > 0 ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}\n` : 'The database is up to date.\n',
    );
    this.context.stdout.write(`Database: ${report.path}\n`);
    return 0;
  }
}
