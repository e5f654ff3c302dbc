import * as os from 'node:os';
import * as path from 'node:path';
import type { InstallChange } from '@parallel-cc/claude-integration';
import { writeJson } from './coordinator';
import type { PccContext } from './context';
import { colorsFor } from './output/colors';

/** Where `install`, `install status` and `uninstall` work: the home, this binary's stable path, the repository if any. */
export async function installTarget(context: PccContext, repo: string | undefined) {
  const ci = await import('@parallel-cc/claude-integration');
  const { env } = context;
  const home = env.HOME ?? os.homedir();
  const repoRoot = await repoRootOf(context, repo);
  const binary = ci.stableBinaryPath({ running: process.argv[1] ?? '', env });
  return { ci, env, home, repoRoot, binary };
}

/** The repository of `--repo` (its failure is the user's to see), else of the current folder if it is in one. */
async function repoRootOf(context: PccContext, repo: string | undefined): Promise<string | undefined> {
  const dir = path.resolve(context.cwd, repo ?? '.');
  const { resolveRepository } = await import('@parallel-cc/worktree-gtr');
  try {
    return (await resolveRepository(dir)).root;
  } catch (error) {
    if (repo !== undefined) throw error;
    return undefined;
  }
}

/** How {@link reportChanges} prints: as JSON, as a dry run's diffs, and whether the changes removed things. */
export interface ReportOptions {
  json: boolean;
  dryRun: boolean;
  uninstall: boolean;
}

/** claude-integration's text helpers that {@link reportChanges} uses (loaded by the caller). */
export interface ReportText {
  lineDiff(a: string | null, b: string | null): string;
  shellQuote(s: string): string;
}

/** Prints what installing or uninstalling changed (or would); exit code 1 when a piece was skipped. */
export function reportChanges(context: PccContext, changes: InstallChange[], options: ReportOptions, text: ReportText): number {
  const skipped = changes.some((c) => c.action === 'skipped');
  if (options.json) {
    writeJson(context, {
      dryRun: options.dryRun,
      changes: changes.map(({ piece, file, action, reason }) => ({ piece, file, action, ...(reason ? { reason } : {}) })),
    });
    return skipped ? 1 : 0;
  }
  const colors = colorsFor(context);
  const verb = options.dryRun ? 'would ' : '';
  if (changes.every((c) => c.action === 'unchanged')) context.stdout.write('Nothing to change: everything is already as asked.\n');
  for (const c of changes) {
    if (c.action === 'unchanged') {
      context.stdout.write(`unchanged ${c.piece}: ${c.file}\n`);
      continue;
    }
    if (c.action === 'skipped') {
      // Why a piece failed goes with the errors; stdout keeps what was done.
      context.stderr.write(`${colors.yellow('skipped')} ${c.piece}: ${c.reason}\n`);
      continue;
    }
    context.stdout.write(`${verb}${c.action} ${c.piece}: ${c.file}\n`);
    if (options.dryRun) {
      const lines = text.lineDiff(c.before, c.after).split('\n').map((l) => (l.startsWith('+') ? colors.green(l) : colors.red(l)));
      context.stdout.write(`${lines.map((l) => `    ${l}`).join('\n')}\n`);
    }
  }
  const profile = changes.find((c) => c.piece === 'alias' && (c.action === 'create' || c.action === 'update'));
  if (profile && !options.dryRun && !options.uninstall) {
    // A running shell read its profile when it started: the alias reaches only shells started after.
    context.stdout.write(`The alias works in new terminals; in this one, run: source ${/^[\w./-]+$/.test(profile.file) ? profile.file : text.shellQuote(profile.file)}\n`);
  }
  if (skipped) context.stderr.write('Skipped pieces were left as they were: fix what is named above, then run this again.\n');
  return skipped ? 1 : 0;
}
