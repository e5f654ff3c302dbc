import * as os from 'node:os';
import { Command, Option } from 'clipanion';
import { writeJson } from '../coordinator';
import type { PccContext } from '../context';
import { colorsFor } from '../output/colors';

/** `parallel-cc doctor`: check the machine. */
export class DoctorCommand extends Command<PccContext> {
  static override paths = [['doctor']];
  static override usage = Command.Usage({
    category: 'Setup',
    description: 'Check git, gtr, the database, sessions and the Claude Code integration',
    details: `
      Needs git 2.38 or newer. gtr is optional (plain \`git worktree\` is used without it). Reads the database without changing it. Exits 1 when something parallel-cc needs is missing.

      With \`--repair\`, a corrupt database (one SQLite cannot read, or that fails its \`quick_check\`) is moved aside, with its -wal and -shm files, to \`coordinator.corrupt-<UTC time>.db\` beside it, and a fresh database is created; the checks then run on the fresh one. A database that is not corrupt is left exactly as it is, and doctor says so.
    `,
    examples: [
      ['Check the setup', '$0 doctor'],
      ['Move a corrupt database aside and start a fresh one', '$0 doctor --repair'],
    ],
  });

  json = Option.Boolean('--json', false, { description: 'Print the checks as JSON' });
  repair = Option.Boolean('--repair', false, {
    description: 'Move a corrupt database aside (coordinator.corrupt-<UTC time>.db) and create a fresh one; a sound one is left as it is',
  });

  override async execute(): Promise<number> {
    const { repairDatabase, runDiagnostics } = await import('@parallel-cc/core-sessions');
    const integration = await import('@parallel-cc/claude-integration');
    const { env } = this.context;
    const { allMigrationSets } = await import('@parallel-cc/mcp-tools/migrations');
    const migrations = allMigrationSets();
    const repair = this.repair ? await repairDatabase({ env, migrations }) : undefined;
    const checks = await runDiagnostics({ env, migrations });
    const binary = safely(() => integration.stableBinaryPath({ running: process.argv[1] ?? '', env }));
    if (binary) checks.push(...integration.integrationChecks({ home: env.HOME ?? os.homedir(), env, binary }));
    const ok = checks.every((c) => c.status !== 'fail');
    if (this.json) {
      writeJson(this.context, repair ? { ok, checks, repair } : { ok, checks });
    } else {
      if (repair) {
        this.context.stdout.write(
          repair.repaired
            ? `Repaired: the corrupt database (${repair.problem}) was moved to ${repair.movedTo}; a fresh one was created at ${repair.path}.\n`
            : `Nothing to repair: ${repair.path} is not corrupt, and nothing was changed.\n`,
        );
      }
      const colors = colorsFor(this.context);
      const mark = { ok: colors.green('ok  '), warn: colors.yellow('warn'), fail: colors.red('FAIL') };
      for (const c of checks) {
        const fix = c.fix ? colors.dim(`  (fix: ${c.fix})`) : '';
        this.context.stdout.write(`${mark[c.status]} ${c.name.padEnd(11)} ${c.detail}${fix}\n`);
      }
    }
    return ok ? 0 : 1;
  }
}

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
